namespace Companion.EventLog.Tests.Conformance;

/// <summary>
/// How a provider takes part in <see cref="EventLogConformanceTests{TFixture}"/>: one fixture per
/// test gives it a fresh, empty log and cleans up everything the log left behind.
/// </summary>
public interface IEventLogFixture : IAsyncDisposable
{
    /// <summary>Opens a fresh, empty log that the fixture owns and disposes.</summary>
    Task<IEventLog> CreateLogAsync();
}

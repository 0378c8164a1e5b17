using Companion.EventLog.Tests.Conformance;
using Companion.Testing.Storage;

namespace Companion.EventLog.Tests;

/// <summary>A fresh in-memory log per test; nothing to clean up.</summary>
public sealed class InMemoryEventLogFixture : IEventLogFixture
{
    /// <inheritdoc />
    public Task<IEventLog> CreateLogAsync() => Task.FromResult<IEventLog>(new InMemoryEventLog());

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

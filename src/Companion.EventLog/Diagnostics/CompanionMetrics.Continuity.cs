using System.Diagnostics.Metrics;

namespace Companion.EventLog.Diagnostics;

/// <summary>Continuity operations: exports, imports and verifications of archives, and their failures.</summary>
public sealed partial class CompanionMetrics
{
    /// <summary>An export of a user's continuity archive finished; <paramref name="ok"/> is false when it failed.</summary>
    public void RecordExport(bool ok) => _continuity.Exports.Record(ok);

    /// <summary>An import of an archive finished; <paramref name="ok"/> is false when it was refused or failed.</summary>
    public void RecordImport(bool ok) => _continuity.Imports.Record(ok);

    /// <summary>A verification of an archive or a log finished; <paramref name="ok"/> is false when it found a problem.</summary>
    public void RecordVerification(bool ok) => _continuity.Verifications.Record(ok);

    private ContinuityTotals ReadContinuityTotals() => new(
        _continuity.Exports.Count, _continuity.Exports.Failures,
        _continuity.Imports.Count, _continuity.Imports.Failures,
        _continuity.Verifications.Count, _continuity.Verifications.Failures);

    private sealed class ContinuityInstruments(Meter meter)
    {
        public OutcomeCounter Exports { get; } = new OutcomeCounter(meter, "export", "Continuity exports").Started();

        public OutcomeCounter Imports { get; } = new OutcomeCounter(meter, "import", "Archive imports").Started();

        public OutcomeCounter Verifications { get; } = new OutcomeCounter(meter, "verification", "Archive or log verifications").Started();
    }

    /// <summary><c>companion.{what}s</c> counts every attempt, <c>companion.{what}.failures</c> the failed ones.</summary>
    private sealed class OutcomeCounter(Meter meter, string what, string description)
    {
        private readonly Counter<long> _all = meter.CreateCounter<long>($"companion.{what}s", $"{{{what}}}", $"{description}, successful or not.");
        private readonly Counter<long> _failed = meter.CreateCounter<long>($"companion.{what}.failures", $"{{{what}}}", $"{description} that failed.");
        private long _count;
        private long _failures;

        public OutcomeCounter Started()
        {
            _all.Add(0);
            _failed.Add(0);
            return this;
        }

        public long Count => Interlocked.Read(ref _count);

        public long Failures => Interlocked.Read(ref _failures);

        public void Record(bool ok)
        {
            Interlocked.Increment(ref _count);
            _all.Add(1);
            if (!ok)
            {
                Interlocked.Increment(ref _failures);
                _failed.Add(1);
            }
        }
    }
}

/// <summary>Continuity operations counted since the silo started.</summary>
public sealed record ContinuityTotals(long Exports, long ExportFailures, long Imports, long ImportFailures, long Verifications, long VerificationFailures);

namespace Companion.Silo.Operators;

/// <summary>
/// The cluster's figures in one place (key 0), so every silo's <c>/admin</c> panel answers the
/// same totals whichever silo nginx sends a poll to. Each silo reports its own counters into it
/// (<see cref="ClusterTotalsReporter"/>); it holds figures only, never a user's words or ids.
/// </summary>
public interface IClusterTotalsGrain : IGrainWithIntegerKey
{
    /// <summary>Takes one silo's counters since it started; the cluster totals grow by what is new since its last report.</summary>
    Task Report(SiloReport report);

    /// <summary>The totals and the silos' latest rows.</summary>
    Task<ClusterTotals> GetTotals();
}

/// <summary>One silo's counters since it started, and its gauge of active users, at <see cref="At"/>.</summary>
[GenerateSerializer, Immutable]
public sealed record SiloReport(
    [property: Id(0)] string Silo,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] SiloCounters Counters,
    [property: Id(3)] long ActiveUserGrains);

/// <summary>Counters that only grow while a silo runs.</summary>
[GenerateSerializer, Immutable]
public sealed record SiloCounters(
    [property: Id(0)] long EventsAppended,
    [property: Id(1)] long Conflicts,
    [property: Id(2)] long SnapshotsWritten,
    [property: Id(3)] long Activations)
{
    public static readonly SiloCounters Zero = new(0, 0, 0, 0);

    public SiloCounters Plus(SiloCounters other) =>
        new(EventsAppended + other.EventsAppended, Conflicts + other.Conflicts, SnapshotsWritten + other.SnapshotsWritten, Activations + other.Activations);

    /// <summary>What grew since <paramref name="earlier"/>; a counter that went down started over (the silo restarted), so all of it is new.</summary>
    public SiloCounters Since(SiloCounters earlier) => new(
        Grown(EventsAppended, earlier.EventsAppended),
        Grown(Conflicts, earlier.Conflicts),
        Grown(SnapshotsWritten, earlier.SnapshotsWritten),
        Grown(Activations, earlier.Activations));

    private static long Grown(long now, long before) => now >= before ? now - before : now;
}

/// <summary>
/// The cluster's totals since its first report (kept across restarts of every silo), the active
/// users on silos heard from lately, and one row per silo that reported within the last hour.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ClusterTotals(
    [property: Id(0)] SiloCounters Totals,
    [property: Id(1)] long ActiveUserGrains,
    [property: Id(2)] IReadOnlyList<ClusterTotals.SiloRow> Silos,
    [property: Id(3)] DateTimeOffset? LastReportAt)
{
    /// <summary>A silo's latest report; <see cref="Current"/> is false once it has missed a few.</summary>
    [GenerateSerializer, Immutable]
    public sealed record SiloRow(
        [property: Id(0)] string Silo,
        [property: Id(1)] DateTimeOffset ReportedAt,
        [property: Id(2)] bool Current,
        [property: Id(3)] SiloCounters Counters,
        [property: Id(4)] long ActiveUserGrains);
}

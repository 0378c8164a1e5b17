namespace Companion.Silo.Tests;

/// <summary>
/// Tests that read exported metric values run alone. A meter listener subscribes by meter name
/// for the whole process, so when several test silos live in one test process the exporter of
/// one may report another's instruments; in production a process hosts one silo.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideMetrics
{
    public const string Name = "process-wide metrics";
}

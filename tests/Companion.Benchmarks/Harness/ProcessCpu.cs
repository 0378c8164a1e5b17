using System.Diagnostics;

namespace Companion.Benchmarks.Harness;

/// <summary>
/// The CPU time this process has used, all threads: a figure the machine's other work disturbs
/// far less than a rate over wall-clock time.
/// </summary>
public static class ProcessCpu
{
    public static TimeSpan Now()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}

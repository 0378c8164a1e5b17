namespace Companion.Benchmarks.Harness;

/// <summary>Full runs give the figures; smoke runs only prove every scenario still runs (./test.sh).</summary>
public enum ScenarioSize
{
    Smoke,
    Full,
}

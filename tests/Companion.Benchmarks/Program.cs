using BenchmarkDotNet.Running;
using Companion.Benchmarks.Harness;
using Companion.Benchmarks.Scenarios;

// dotnet run -c Release --project tests/Companion.Benchmarks -- <scenario> [--smoke]
//   scenarios: append, activation, memory, http, export, azure, azure-activation, azure-catalog, peers, recall, all;
//   parts run alone: recall-search, recall-appends, recall-quality, recall-index, activation-1m (the largest user alone, first in a fresh process); micro [BenchmarkDotNet args]; smoke (every scenario, tiny)
var scenarios = new Dictionary<string, Func<ScenarioSize, Task>>(StringComparer.OrdinalIgnoreCase)
{
    ["append"] = AppendScenario.RunAsync,
    ["append-grain"] = AppendScenario.RunGrainOnlyAsync,
    ["activation"] = ActivationScenario.RunAsync,
    ["memory"] = MemoryScenario.RunAsync,
    ["http"] = HttpScenario.RunAsync,
    ["export"] = ExportScenario.RunAsync,
    ["azure"] = AzureScenario.RunAsync,
    ["azure-activation"] = AzureActivationScenario.RunAsync,
    ["azure-catalog"] = AzureCatalogScenario.RunAsync,
    ["peers"] = PeersScenario.RunAsync,
    ["recall"] = RecallScenario.RunAsync,
};

// Parts of a scenario, run alone by name; "all" and "smoke" run them within their scenario.
var parts = new Dictionary<string, Func<ScenarioSize, Task>>(StringComparer.OrdinalIgnoreCase)
{
    ["recall-search"] = RecallScenario.RunSearchAsync,
    ["recall-appends"] = RecallScenario.RunAppendsAsync,
    ["recall-quality"] = RecallScenario.RunQualityAsync,
    ["recall-index"] = RecallScenario.RunIndexingAsync,
    ["activation-1m"] = ActivationScenario.RunLargestAsync,
};

if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine($"usage: Companion.Benchmarks <{string.Join('|', scenarios.Keys.Concat(parts.Keys))}|all|smoke> [--smoke] | micro [BenchmarkDotNet args]");
    return 2;
}

if (args[0] == "micro")
{
    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args[1..]);
    return 0;
}

var size = args[0] == "smoke" || args.Contains("--smoke") ? ScenarioSize.Smoke : ScenarioSize.Full;
var selected = args[0] is "all" or "smoke" ? scenarios.Keys.ToList() : [args[0]];
foreach (var name in selected)
{
    if (!scenarios.TryGetValue(name, out var run) && !parts.TryGetValue(name, out run))
    {
        Console.Error.WriteLine($"unknown scenario '{name}'; known: {string.Join(", ", scenarios.Keys)}");
        return 2;
    }

    Report.Heading($"{name} ({size})");
    await run(size);
}

Console.WriteLine(size == ScenarioSize.Smoke ? "benchmark smoke: every scenario ran to completion" : "done");
return 0;

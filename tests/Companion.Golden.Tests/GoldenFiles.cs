using Companion.EventLog;

namespace Companion.Golden.Tests;

/// <summary>The committed golden logs, copied beside the test assembly.</summary>
internal static class GoldenFiles
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "golden");

    public static IEnumerable<int> Generations =>
        System.IO.Directory.GetFiles(Directory, "generation-*.jsonl")
            .Select(path => int.Parse(Path.GetFileNameWithoutExtension(path)["generation-".Length..], System.Globalization.CultureInfo.InvariantCulture))
            .Order();

    public static string LogPath(int generation) => Path.Combine(Directory, $"generation-{generation}.jsonl");

    public static GoldenExpectation Expected(int generation) =>
        GoldenExpectation.Read(Path.Combine(Directory, $"generation-{generation}.expected.json"));

    /// <summary>Every line parsed with <see cref="EnvelopeJson.Parse"/>, exactly as stored.</summary>
    public static List<EventEnvelope> Envelopes(int generation) => GoldenReplay.ReadJsonl(LogPath(generation));
}

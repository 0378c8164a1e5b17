using Companion.EventLog;
using Companion.Golden.Tests.Generation;

namespace Companion.Golden.Tests;

/// <summary>
/// <c>write DIR</c> writes the newest golden generation: run it once when a new schema generation
/// is released, review and commit the files, and never again for that generation; the tests read
/// the committed files. <c>show FILE</c> replays a committed log with today's code and prints
/// what it replays to, for recording the state hash of a new state schema after review.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        switch (args)
        {
            case ["write", var directory]:
                return Write(directory);
            case ["show", var file]:
                return Show(file);
            default:
                Console.Error.WriteLine("usage: write <directory> | show <generation-N.jsonl>");
                return 2;
        }
    }

    private static int Show(string file)
    {
        var envelopes = GoldenReplay.ReadJsonl(file);
        using var cipher = GoldenFiles.CipherFor(Path.ChangeExtension(file, ".key.json"));
        var (state, problems) = GoldenReplay.Run(envelopes, cipher);
        foreach (var problem in problems)
        {
            Console.Error.WriteLine(problem);
        }

        var generation = int.TryParse(Path.GetFileNameWithoutExtension(file).Replace("generation-", ""), out var n) ? n : 0;
        var head = new StreamHead(envelopes[^1].Version, envelopes[^1].Hash);
        Console.Write(System.Text.Encoding.UTF8.GetString(GoldenExpectation.Of(generation, envelopes[^1].Stream, head, state).ToJson()));
        return problems.Count == 0 ? 0 : 1;
    }

    private static int Write(string directory)
    {
        var log = GoldenScript.Write();
        var name = Path.Combine(directory, $"generation-{GoldenScript.Generation}");
        if (File.Exists(name + ".jsonl"))
        {
            Console.Error.WriteLine($"{name}.jsonl exists; a released generation is never rewritten.");
            return 1;
        }

        File.WriteAllBytes(name + ".jsonl", log.ToJsonl());
        File.WriteAllBytes(name + ".key.json", new Companion.Continuity.ArchiveKey(log.Stream, GoldenScript.Key).ToJson());
        File.WriteAllBytes(name + ".expected.json", log.Expectation(GoldenScript.Generation).ToJson());
        Console.WriteLine($"wrote {name}.jsonl: {log.Envelopes.Count} events, head {log.Envelopes[^1].Hash}");
        return 0;
    }
}

using Companion.Golden.Tests.Generation;

namespace Companion.Golden.Tests;

/// <summary>
/// Writes the newest golden generation: <c>dotnet run --project tests/Companion.Golden.Tests -- write tests/golden</c>.
/// Run it once when a new schema generation is released, review and commit the files, and never
/// again for that generation: the tests read the committed files.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args is not ["write", var directory])
        {
            Console.Error.WriteLine("usage: write <directory>");
            return 2;
        }

        var log = GoldenScript.Write();
        var name = Path.Combine(directory, $"generation-{GoldenScript.Generation}");
        if (File.Exists(name + ".jsonl"))
        {
            Console.Error.WriteLine($"{name}.jsonl exists; a released generation is never rewritten.");
            return 1;
        }

        File.WriteAllBytes(name + ".jsonl", log.ToJsonl());
        File.WriteAllBytes(name + ".expected.json", log.Expectation(GoldenScript.Generation).ToJson());
        Console.WriteLine($"wrote {name}.jsonl: {log.Envelopes.Count} events, head {log.Envelopes[^1].Hash}");
        return 0;
    }
}

using Companion.EventLog;
using Companion.EventLog.Encryption;

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

    /// <summary>The cipher of a generation stored encrypted (it has a <c>generation-N.key.json</c>), else null.</summary>
    public static PayloadCipher? Cipher(int generation) => CipherFor(Path.Combine(Directory, $"generation-{generation}.key.json"));

    /// <summary>A cipher over the key in an archive-format key file, or null when there is no such file.</summary>
    public static PayloadCipher? CipherFor(string keyFile)
    {
        if (!File.Exists(keyFile))
        {
            return null;
        }

        var key = Companion.Continuity.ArchiveKey.Parse(File.ReadAllBytes(keyFile));
        return new PayloadCipher(key.UserId, key.Key.Span);
    }

    /// <summary>Every line parsed with <see cref="EnvelopeJson.Parse"/>, exactly as stored.</summary>
    public static List<EventEnvelope> Envelopes(int generation) => GoldenReplay.ReadJsonl(LogPath(generation));
}

using Companion.Domain.State;
using Companion.EventLog;
using Companion.EventLog.Encryption;
using Companion.History;

namespace Companion.Golden.Tests;

/// <summary>Replays stored envelopes the way every reader does: through <see cref="StreamFold"/>, with today's registry and its upcasters.</summary>
public static class GoldenReplay
{
    /// <summary>
    /// The state after the envelopes (encrypted payloads read with <paramref name="cipher"/>), and
    /// the problem that stopped the fold, if one did (it names the version).
    /// </summary>
    public static (UserState State, IReadOnlyList<string> Problems) Run(IEnumerable<EventEnvelope> envelopes, PayloadCipher? cipher = null)
    {
        var fold = new StreamFold(EventTypeRegistry.ForUserEvents(), cipher);
        try
        {
            foreach (var envelope in envelopes)
            {
                fold.Add(envelope);
            }
        }
        catch (StreamDamagedException e)
        {
            return (fold.State, [e.Reason]);
        }

        return (fold.State, []);
    }

    /// <summary>Every line of a JSONL file parsed with <see cref="EnvelopeJson.Parse"/>, exactly as stored.</summary>
    public static List<EventEnvelope> ReadJsonl(string path) =>
        File.ReadAllLines(path)
            .Where(line => line.Length > 0)
            .Select(line => EnvelopeJson.Parse(System.Text.Encoding.UTF8.GetBytes(line)))
            .ToList();
}

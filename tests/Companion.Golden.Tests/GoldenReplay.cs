using Companion.Domain.State;
using Companion.EventLog;
using Companion.EventLog.Encryption;

namespace Companion.Golden.Tests;

/// <summary>Replays stored envelopes the way every reader does: today's registry (with its upcasters) and <see cref="UserStateApply"/>.</summary>
public static class GoldenReplay
{
    /// <summary>
    /// The state after the envelopes (encrypted payloads read with <paramref name="cipher"/>), and
    /// every envelope the registry could not read (version: type and schema).
    /// </summary>
    public static (UserState State, IReadOnlyList<string> Unknown) Run(IEnumerable<EventEnvelope> envelopes, PayloadCipher? cipher = null)
    {
        var registry = EventTypeRegistry.ForUserEvents();
        var state = UserState.Empty;
        var unknown = new List<string>();
        foreach (var envelope in envelopes)
        {
            try
            {
                state = UserStateApply.Apply(state, registry.FromEnvelope(PayloadCipher.Reveal(envelope, cipher)));
            }
            catch (UnknownEventTypeException e)
            {
                unknown.Add($"{envelope.Version}: {e.Type} v{e.SchemaVersion}");
            }
        }

        return (state, unknown);
    }

    /// <summary>Every line of a JSONL file parsed with <see cref="EnvelopeJson.Parse"/>, exactly as stored.</summary>
    public static List<EventEnvelope> ReadJsonl(string path) =>
        File.ReadAllLines(path)
            .Where(line => line.Length > 0)
            .Select(line => EnvelopeJson.Parse(System.Text.Encoding.UTF8.GetBytes(line)))
            .ToList();
}

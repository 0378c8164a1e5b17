using System.Collections.Immutable;
using Companion.Domain.Events;

namespace Companion.Domain.Projections;

/// <summary>
/// What happened to one companion, read from its user's events in stream order: every persona
/// version (<see cref="History"/>) and every change the person should be able to see
/// (<see cref="Changes"/>). Fed by the one stream fold; keeps only this companion's persona
/// versions, changes and memory texts, never the other events.
/// </summary>
public sealed class CompanionTimeline(string companionId)
{
    private readonly List<PersonaVersion> _versions = [];
    private readonly List<CompanionChange> _changes = [];
    private readonly Dictionary<string, string> _memories = new(StringComparer.Ordinal);
    private long _head;
    private ModelRuntime? _pin;
    private ModelRuntime? _lastMismatch;

    /// <summary>Every persona version, oldest first, up to the last event added.</summary>
    public PersonaHistory History => new(companionId, _head, [.. _versions]);

    /// <summary>Every change, newest first.</summary>
    public ImmutableArray<CompanionChange> Changes => [.. Enumerable.Reverse(_changes)];

    /// <summary>Takes the event at <paramref name="version"/> into account.</summary>
    public void Add(long version, UserEvent @event)
    {
        _head = version;
        switch (@event)
        {
            case CompanionCreated e when e.CompanionId == companionId:
                _versions.Add(new PersonaVersion(version, e.OccurredAt, "created", null, null, e.Persona));
                Record(version, e.OccurredAt, "created", $"Created as {e.Name}.");
                break;
            case PersonaRevised e when e.CompanionId == companionId && _versions.Count > 0:
                Revised(version, e);
                break;
            case CompanionRuntimeChanged e when e.CompanionId == companionId:
                Record(version, e.OccurredAt, "runtime-changed", e.From is null
                    ? $"Spoke for the first time with {Describe(e.To)}."
                    : $"Started speaking with {Describe(e.To)} instead of {Describe(e.From)}.");
                break;
            case CompanionRuntimePinned e when e.CompanionId == companionId:
                _pin = e.Pin;
                _lastMismatch = null;
                Record(version, e.OccurredAt, "runtime-pinned", $"Pinned to {Describe(e.Pin)}: it should keep speaking with this.");
                break;
            case MessageRecorded { Role: MessageRole.Companion, Producer: { } producer } e when e.CompanionId == companionId && _pin is { } pin:
                Spoke(version, e.OccurredAt, producer, pin);
                break;
            case CompanionReset e when e.CompanionId == companionId:
                Record(version, e.OccurredAt, "reset",
                    "Reset: everything it remembered and said before now is hidden from its context (nothing was deleted)." + Because(e.Reason));
                break;
            case CompanionResetUndone e when e.CompanionId == companionId:
                Record(version, e.OccurredAt, "reset-undone", "Reset undone: what it remembered and said before that reset is back in its context.");
                break;
            case MemoryRecorded e when e.CompanionId == companionId:
                if (e.Supersedes is { } replaced)
                {
                    Record(version, e.OccurredAt, "memory-superseded", _memories.TryGetValue(replaced, out var before)
                        ? $"Now remembers \"{e.Text}\" instead of \"{before}\" (the old memory is kept as history)."
                        : $"Now remembers \"{e.Text}\" instead of memory {replaced} (kept as history).");
                }

                _memories[e.MemoryId] = e.Text;
                break;
            case MemoryEnded e when e.CompanionId == companionId:
                var ended = e.EndsAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
                Record(version, e.OccurredAt, "memory-ended", (_memories.TryGetValue(e.MemoryId, out var fact)
                    ? $"Ended on {ended}: \"{fact}\" no longer holds (the memory is kept as history)."
                    : $"Ended on {ended}: memory {e.MemoryId} no longer holds (kept as history).") + Because(e.Reason));
                break;
            case MemoryForgotten e when e.CompanionId == companionId:
                Record(version, e.OccurredAt, "memory-forgotten", _memories.TryGetValue(e.MemoryId, out var text)
                    ? $"Forgot a memory: \"{text}\"."
                    : $"Forgot memory {e.MemoryId}.");
                break;
            default:
                break;
        }
    }

    /// <summary>A message from another producer than the pin is listed once, until it speaks with the pin again or another producer.</summary>
    private void Spoke(long version, DateTimeOffset at, ModelRuntime producer, ModelRuntime pin)
    {
        if (producer.Equals(pin))
        {
            _lastMismatch = null;
        }
        else if (!producer.Equals(_lastMismatch))
        {
            _lastMismatch = producer;
            Record(version, at, "producer-mismatch", $"Spoke with {Describe(producer)}, not the pinned {Describe(pin)}.");
        }
    }

    private void Revised(long version, PersonaRevised e)
    {
        var fields = PersonaDiff.FieldsBetween(_versions[^1].Persona, e.Persona);
        var sameAs = _versions.FirstOrDefault(v => v.Persona.Equals(e.Persona))?.Version;
        _versions.Add(new PersonaVersion(version, e.OccurredAt, "revised", e.Reason, sameAs, e.Persona));
        var changed = fields.IsEmpty ? "its card" : string.Join(", ", fields);
        if (sameAs is { } earlier)
        {
            Record(version, e.OccurredAt, "persona-restored", $"Persona put back as it was at version {earlier} ({changed})." + Because(e.Reason), fields);
        }
        else
        {
            Record(version, e.OccurredAt, "persona-revised", $"Persona revised: {changed}." + Because(e.Reason), fields);
        }
    }

    private void Record(long version, DateTimeOffset at, string kind, string summary, ImmutableArray<string> fields = default) =>
        _changes.Add(new CompanionChange(version, at, kind, summary, fields.IsDefault ? [] : fields));

    private static string Because(string? reason) => string.IsNullOrWhiteSpace(reason) ? "" : $" Reason: {reason}";

    private static string Describe(ModelRuntime runtime) =>
        (runtime.Runtime, runtime.RuntimeVersion) switch
        {
            (null, _) => $"model {runtime.Model}",
            ({ } served, null) => $"model {runtime.Model} on {served}",
            ({ } served, { } at) => $"model {runtime.Model} on {served} {at}",
        };
}

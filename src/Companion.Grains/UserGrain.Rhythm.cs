using Companion.Domain.Commands;
using Companion.Domain.Events;
using Companion.Domain.Projections;
using Companion.History;

namespace Companion.Grains;

/// <summary>The rhythm view (opt-in, read from the log) and a companion's pinned runtime.</summary>
public sealed partial class UserGrain
{
    public Task<CommandResult> SetRhythm(bool enabled) =>
        ExecuteUnlessAsIs(s => enabled
            ? ReflectionDecisions.EnableRhythm(s, clock.GetUtcNow())
            : ReflectionDecisions.DisableRhythm(s, clock.GetUtcNow()), UserId);

    /// <remarks>Figures only leave the grain; the journal's words are read here, to apply <see cref="NamesAPerson"/>, and dropped.</remarks>
    public async Task<Rhythm> GetRhythm(RhythmPeriodKind by)
    {
        var state = Current;
        UserDecisions.RequireRegistered(state);
        if (!state.RhythmEnabled)
        {
            throw DomainException.Conflict("The rhythm view is off. It is off by default and only you can turn it on: PUT …/rhythm. Nothing is counted while it is off.");
        }

        var zone = state.CheckIn is { } schedule ? CheckInTimes.FindZone(schedule.TimeZone) : TimeZoneInfo.Utc;
        var rhythm = new RhythmProjection(zone, by);
        await FoldLogToStateAsync(state.Version, (_, @event) => rhythm.Add(@event));
        return rhythm.Build(clock.GetUtcNow());
    }

    public Task<CommandResult> PinRuntime(string companionId, ModelRuntime pin) =>
        ExecuteUnlessAsIs(s => ReflectionDecisions.PinRuntime(s, companionId, pin, clock.GetUtcNow()), companionId);

    /// <summary>Flags a companion message whose producer is not the companion's pinned one; the message is recorded either way.</summary>
    private CommandResult WithProducerCheck(CommandResult result, string companionId, MessageRole role, ModelRuntime? producer) =>
        role == MessageRole.Companion
            && producer is not null
            && Current.Companions.TryGetValue(companionId, out var companion)
            && companion.PinnedRuntime is { } pinned
            && !pinned.Equals(producer)
            ? result with { ProducerMismatch = new ProducerMismatch(pinned, producer) }
            : result;

    /// <summary>
    /// Folds the log from its start up to <paramref name="head"/> through the one stream fold,
    /// handing each event to <paramref name="take"/>. Touches no grain field, so it may interleave.
    /// </summary>
    private async Task FoldLogToStateAsync(long head, Action<long, UserEvent> take)
    {
        using var cipher = await OpenOwnKeyAsync();
        var fold = new StreamFold(registry, cipher);
        await foreach (var envelope in log.ReadAsync(UserId, 1))
        {
            if (fold.Add(envelope) is { } @event)
            {
                take(envelope.Version, @event);
            }

            if (envelope.Version == head)
            {
                break;
            }
        }

        if (fold.Head.Version != head)
        {
            throw new StreamDamagedException(UserId, fold.Head.Version + 1, $"version {fold.Head.Version + 1} is missing: the log ends at version {fold.Head.Version}, before {head}.");
        }
    }
}

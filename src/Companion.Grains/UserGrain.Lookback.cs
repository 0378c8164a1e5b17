using Companion.Domain.Commands;
using Companion.Domain.Projections;

namespace Companion.Grains;

// The look-back over the journal: a projection of the state, read without a write.
public sealed partial class UserGrain
{
    public Task<Lookback> GetLookback(DateTimeOffset? from, DateTimeOffset? to, LookbackGrouping by)
    {
        var state = Current;
        UserDecisions.RequireRegistered(state);
        var end = to ?? clock.GetUtcNow();
        var start = from ?? (state.Journal.Count == 0
            ? end
            : LookbackPeriods.StartOf(state.Journal.Min(e => e.WrittenAt), by) is var first && first < end ? first : end);
        return Task.FromResult(LookbackProjection.Build(state.Journal, start, end, by));
    }
}

using Companion.Domain.Projections;
using Companion.Domain.State;

namespace Companion.Continuity.Rendering;

/// <summary>
/// The look-back an archive holds (<c>lookback.md</c>, <c>moods.svg</c>): the whole journal by
/// month, from the month of the first entry to the end of the month of the last, so the same
/// events always render the same bytes and a verifier can render them again.
/// </summary>
internal static class ArchiveLookback
{
    public static Lookback Of(UserState state)
    {
        if (state.Journal.Count == 0)
        {
            var at = state.RegisteredAt ?? DateTimeOffset.UnixEpoch;
            return LookbackProjection.Build([], at, at, LookbackGrouping.Month);
        }

        var from = LookbackPeriods.StartOf(state.Journal.Min(e => e.WrittenAt), LookbackGrouping.Month);
        var to = LookbackPeriods.Next(LookbackPeriods.StartOf(state.Journal.Max(e => e.WrittenAt), LookbackGrouping.Month), LookbackGrouping.Month);
        return LookbackProjection.Build(state.Journal, from, to, LookbackGrouping.Month);
    }

    public static byte[] Markdown(UserState state) => LookbackMarkdown.Render(Of(state), JournalMarkdown.Owner(state));

    public static byte[] Chart(UserState state) => MoodChartSvg.Render(Of(state), JournalMarkdown.Owner(state));
}

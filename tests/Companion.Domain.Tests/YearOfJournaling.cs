using Companion.Domain.Commands;
using Companion.Domain.Events;
using Companion.Domain.State;

namespace Companion.Domain.Tests;

/// <summary>
/// A year of journaling, 2025, decided by <see cref="UserDecisions"/> and folded like any log, so
/// what a look-back should say follows from how it was written. Each month m (0 = January):
/// m % 3 + 2 daily check-ins (anxious in the first half of the year, calm in the second), a
/// reframe on the 10th ("old m" → "new m", hopeful), a connection celebrated on the 15th with Ada
/// (even months) or Sam (odd months), and in March and October a corrective experience. In June a
/// connection with someone unnamed, and one entry without any practice or prompt.
/// </summary>
internal static class YearOfJournaling
{
    public static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static UserState Write()
    {
        var state = Given.Registered();
        var n = 0;
        void Entry(DateTimeOffset at, string text, string? mood, string? practice = null, PracticeFields? fields = null) =>
            state = state.Then(UserDecisions.WriteJournal(state, $"j_{n++}", null, text, mood, null, at, practice, fields));

        for (var m = 0; m < 12; m++)
        {
            var month = Start.AddMonths(m);
            for (var day = 0; day < (m % 3) + 2; day++)
            {
                Entry(month.AddDays(day).AddHours(8), $"Check-in {m}/{day}", m < 6 ? "anxious" : "calm", "secure-base-check-in");
            }

            Entry(month.AddDays(9).AddHours(20), $"Reframed in month {m}", "hopeful", "reframe-old-story", new PracticeFields(OldStory: $"old {m}", NewStory: $"new {m}"));
            Entry(month.AddDays(14).AddHours(19), $"Dinner in month {m}", "grateful", "celebrate-connection", new PracticeFields(With: m % 2 == 0 ? "Ada" : "Sam"));
            if (m is 2 or 9)
            {
                Entry(month.AddDays(20), $"It went better than feared in month {m}", null, "corrective-experience",
                    new PracticeFields(WhatHappened: $"asked for help {m}", WhatWasExpected: "a sigh", HowItDiffered: "a smile"));
            }

            if (m == 5)
            {
                Entry(month.AddDays(16), "A stranger held the door and we laughed.", "content", "celebrate-connection");
                Entry(month.AddDays(17), "Just writing.", null);
            }
        }

        return state;
    }
}

namespace Companion.Client;

/// <summary>The daily check-in in force.</summary>
/// <param name="TimeOfDay">The local time it falls due, "HH:mm".</param>
/// <param name="TimeZone">The IANA time zone of that time.</param>
/// <param name="Since">When it was scheduled.</param>
/// <param name="NextDueAt">When it next falls due.</param>
/// <param name="NextDueDate">The local date it next falls due on.</param>
/// <param name="LastDueDate">The local date it last fell due on, if it has.</param>
public sealed record CheckIn(string TimeOfDay, string TimeZone, DateTimeOffset Since, DateTimeOffset NextDueAt, DateOnly NextDueDate, DateOnly? LastDueDate);

/// <summary>A setting changed (or already so).</summary>
/// <param name="Version">The log version after the change.</param>
/// <param name="Duplicate">True when it was already so: nothing was written.</param>
public sealed record SettingChanged(long Version, bool Duplicate);

/// <summary>The model a companion is pinned to.</summary>
/// <param name="CompanionId">The companion.</param>
/// <param name="Pinned">The model, runtime and its version pinned.</param>
/// <param name="Version">The log version of the pin.</param>
/// <param name="Duplicate">True when it was already pinned so: nothing was written.</param>
public sealed record RuntimePinned(string CompanionId, ModelProducer Pinned, long Version, bool Duplicate);

/// <summary>A message produced by another model than the companion's pinned one (it is recorded all the same).</summary>
/// <param name="Pinned">The pinned model.</param>
/// <param name="Actual">The model that produced the message.</param>
public sealed record ProducerMismatch(ModelProducer Pinned, ModelProducer Actual);

/// <summary>How the person used their companions, period by period: figures only, for their eyes only.</summary>
/// <param name="By"><c>week</c> or <c>month</c>.</param>
/// <param name="TimeZone">The IANA time zone days and late nights are counted in (the check-in's, else UTC).</param>
/// <param name="Periods">Each period from the first use to now, oldest first.</param>
/// <param name="LongestStretchAway">The longest time between two uses of any companion; null before any use.</param>
public sealed record Rhythm(string By, string TimeZone, IReadOnlyList<RhythmPeriod> Periods, RhythmStretch? LongestStretchAway);

/// <summary>One week or month of the rhythm view.</summary>
/// <param name="Start">Its first local date.</param>
/// <param name="Sessions">Sessions started.</param>
/// <param name="Messages">Messages recorded, the person's and the companions'.</param>
/// <param name="LateNightMessages">Messages recorded from 23:00 to 05:00 local time.</param>
/// <param name="LateNightShare">Late-night messages over all messages (0 without messages).</param>
/// <param name="DaysJournalNamedSomeone">Days with a journal entry naming a person.</param>
/// <param name="DaysOnlyCompanions">Days with companion use and no journal entry naming a person.</param>
public sealed record RhythmPeriod(
    DateOnly Start, int Sessions, int Messages, int LateNightMessages, double LateNightShare, int DaysJournalNamedSomeone, int DaysOnlyCompanions);

/// <summary>A stretch of time without companion use.</summary>
/// <param name="From">The last use before it.</param>
/// <param name="To">The next use, or now.</param>
/// <param name="Days">Its length in days.</param>
/// <param name="Ongoing">True when it lasts until now.</param>
public sealed record RhythmStretch(DateTimeOffset From, DateTimeOffset To, double Days, bool Ongoing);

namespace Companion.Client;

// Reflection settings: the daily check-in, the opt-in rhythm view, and a companion's pinned model.
public sealed partial class CompanionClient
{
    /// <summary>
    /// Schedules (or moves) the daily check-in at <paramref name="timeOfDay"/> ("HH:mm", 24-hour) in
    /// <paramref name="timeZone"/> (an IANA name, "Europe/Berlin"); when due, the log records
    /// <c>check-in-due</c> once for that local date: <c>PUT /v1/users/{userId}/check-in</c>.
    /// Refusals: 400 a time or time zone that cannot be read (the detail says which).
    /// </summary>
    public Task<CheckIn> ScheduleCheckInAsync(string userId, string timeOfDay, string timeZone, CancellationToken cancellationToken = default) =>
        SendJsonAsync<CheckInBody, CheckIn>(HttpMethod.Put, UserPath(userId, "check-in"), new(timeOfDay, timeZone), cancellationToken);

    /// <summary>The daily check-in in force and when it next falls due: <c>GET /v1/users/{userId}/check-in</c>. Refusals: 404 when none is scheduled.</summary>
    public Task<CheckIn> GetCheckInAsync(string userId, CancellationToken cancellationToken = default) =>
        GetAsync<CheckIn>(UserPath(userId, "check-in"), cancellationToken);

    /// <summary>Turns the daily check-in off; with none scheduled nothing is written (<see cref="SettingChanged.Duplicate"/>): <c>DELETE /v1/users/{userId}/check-in</c>.</summary>
    public Task<SettingChanged> CancelCheckInAsync(string userId, CancellationToken cancellationToken = default) =>
        SendAsync<SettingChanged>(HttpMethod.Delete, UserPath(userId, "check-in"), content: null, cancellationToken);

    /// <summary>Turns the rhythm view on (it is off by default): <c>PUT /v1/users/{userId}/rhythm</c>. The user's own token only: 403 for the admin.</summary>
    public Task<SettingChanged> EnableRhythmAsync(string userId, CancellationToken cancellationToken = default) =>
        SendAsync<SettingChanged>(HttpMethod.Put, UserPath(userId, "rhythm"), content: null, cancellationToken);

    /// <summary>Turns the rhythm view off; the history of the choice is kept: <c>DELETE /v1/users/{userId}/rhythm</c>. The user's own token only: 403 for the admin.</summary>
    public Task<SettingChanged> DisableRhythmAsync(string userId, CancellationToken cancellationToken = default) =>
        SendAsync<SettingChanged>(HttpMethod.Delete, UserPath(userId, "rhythm"), content: null, cancellationToken);

    /// <summary>
    /// How the user used their companions, by week (the silo's default) or month: sessions, messages,
    /// the late-night share, the longest stretch away, days naming someone vs days with only
    /// companions: <c>GET /v1/users/{userId}/rhythm</c>. Refusals: 409 while the view is off, 403 for the admin.
    /// </summary>
    public Task<Rhythm> GetRhythmAsync(string userId, Grouping? by = null, CancellationToken cancellationToken = default) =>
        GetAsync<Rhythm>(Query(UserPath(userId, "rhythm"), ("by", Text(by))), cancellationToken);

    /// <summary>
    /// Pins the model the companion should keep speaking with; the context carries it and a message
    /// from another producer comes back with <see cref="MessageRecorded.ProducerMismatch"/>; pinning the
    /// same again writes nothing (<see cref="RuntimePinned.Duplicate"/>):
    /// <c>PUT /v1/users/{userId}/companions/{companionId}/runtime</c>. Refusals: 400 no model id, 404 no such companion.
    /// </summary>
    public Task<RuntimePinned> PinRuntimeAsync(
        string userId, string companionId, string modelId, string? runtime = null, string? runtimeVersion = null, CancellationToken cancellationToken = default) =>
        SendJsonAsync<RuntimePinBody, RuntimePinned>(HttpMethod.Put, UserPath(userId, "companions", companionId, "runtime"), new(modelId, runtime, runtimeVersion), cancellationToken);

    private sealed record CheckInBody(string TimeOfDay, string TimeZone);

    private sealed record RuntimePinBody(string ModelId, string? Runtime, string? RuntimeVersion);
}

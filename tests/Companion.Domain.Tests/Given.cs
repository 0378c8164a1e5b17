using Companion.Domain.Events;
using Companion.Domain.State;

namespace Companion.Domain.Tests;

/// <summary>Small builders for states reached through real events.</summary>
internal static class Given
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);

    public static UserState Registered() =>
        UserStateApply.Apply(UserState.Empty, new UserRegistered("u_robin0000", "Robin", T0));

    public static UserState WithCompanion(string companionId = "c_sol", Persona? persona = null) =>
        UserStateApply.Apply(Registered(), new CompanionCreated(companionId, "Sol", persona ?? Persona.Empty with { Description = "calm" }, null, T0));

    public static UserState WithSession(string companionId = "c_sol", string sessionId = "s_1") =>
        UserStateApply.Apply(WithCompanion(companionId), new SessionStarted(companionId, sessionId, null, T0));

    public static UserState Then(this UserState state, params UserEvent[] events) => events.Aggregate(state, UserStateApply.Apply);
}

using Companion.Continuity.Verification;
using Companion.Domain.Events;

namespace Companion.Continuity.Tests;

/// <summary>An archive's ids are checked against their whole text: "u_robin0001\n" is not "u_robin0001".</summary>
public sealed class ArchiveIdTests
{
    [Theory]
    [InlineData("u_robin0001\n")]
    [InlineData("u_robin0001\r\n")]
    [InlineData("U_Robin0001")]
    [InlineData("robin")]
    public async Task Verify_refuses_an_archive_of_a_user_id_this_service_does_not_make(string userId)
    {
        var history = new History(userId);
        history.Add(new UserRegistered(userId, "Robin", history.Next()));
        var archive = await Archives.WriteAsync(history.Envelopes);

        var verification = await Archives.VerifyAsync(archive);

        Assert.False(verification.IsValid);
        Assert.Contains(verification.Problems, p => p.Kind == ArchiveProblemKind.Malformed && p.Message.Contains("is not a user id", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("c_sol00001\n", "s_first001")]
    [InlineData("c_sol00001", "s_first001\n")]
    public async Task Verify_refuses_a_companion_or_session_id_with_a_line_break(string companionId, string sessionId)
    {
        var history = new History();
        history.Add(new UserRegistered(history.UserId, "Robin", history.Next()));
        history.Add(new CompanionCreated(companionId, "Sol", Persona.Empty with { Description = "calm" }, null, history.Next()));
        history.Add(new SessionStarted(companionId, sessionId, null, history.Next()));

        // The writer refuses such ids, so the forged events are put into an honest archive.
        var archive = Archives.RewriteLines(await Archives.WriteAsync(History.Sample().Envelopes), _ => [.. history.Envelopes.Select(Archives.Line)]);

        var verification = await Archives.VerifyAsync(archive);

        Assert.False(verification.IsValid);
        Assert.Contains(verification.Problems, p => p.Kind == ArchiveProblemKind.BrokenHistory && p.Message.Contains("cannot name a file", StringComparison.Ordinal));
    }
}

using System.Security.Cryptography;
using Companion.Silo.Auth;
using Companion.Silo.Hosting;
using Companion.Testing.Time;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Companion.Silo.Tests;

/// <summary>Admin session values: signed, time-limited, tied to the admin token, never a user token.</summary>
public sealed class AdminSessionTests
{
    private static readonly string SigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private readonly ManualClock _clock = new();

    [Fact]
    public void A_session_is_valid_until_it_expires()
    {
        var tokens = Tokens("admin-one");
        var (session, expires) = tokens.IssueAdminSession();

        Assert.True(tokens.IsAdminSession(session));
        Assert.Equal(_clock.GetUtcNow() + AccessTokens.AdminSessionLifetime, expires);
        _clock.Advance(AccessTokens.AdminSessionLifetime + TimeSpan.FromSeconds(1));
        Assert.False(tokens.IsAdminSession(session));
    }

    [Fact]
    public void Changing_the_admin_token_ends_every_session()
    {
        var (session, _) = Tokens("admin-one").IssueAdminSession();

        Assert.False(Tokens("admin-two").IsAdminSession(session));
        Assert.True(Tokens("admin-one").IsAdminSession(session));
    }

    [Fact]
    public void A_session_is_not_a_user_token_and_a_user_token_is_not_a_session()
    {
        var tokens = Tokens("admin-one");
        var (session, _) = tokens.IssueAdminSession();
        var userToken = tokens.IssueUserToken("u_aaaaaaaaaaaaaaaa").Token;

        Assert.Null(tokens.ValidateUserToken(session).UserId);
        Assert.False(tokens.IsAdminSession(userToken));
        Assert.False(tokens.IsAdmin(session));
        Assert.DoesNotContain("admin-one", session);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("cgs")]
    [InlineData("cgs.notanumber.abc")]
    [InlineData("cgs.99999999999.!!!")]
    [InlineData("cgs.99999999999.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Malformed_or_forged_sessions_are_refused(string? value) =>
        Assert.False(Tokens("admin-one").IsAdminSession(value));

    private AccessTokens Tokens(string adminToken) => new(
        Options.Create(new CompanionOptions { AdminToken = adminToken, TokenSigningKey = SigningKey }),
        new DataDirectory(Path.GetTempPath()),
        _clock,
        NullLogger<AccessTokens>.Instance);
}

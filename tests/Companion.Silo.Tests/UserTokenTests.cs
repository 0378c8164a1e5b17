using System.Security.Cryptography;
using System.Text;
using Companion.Silo.Auth;
using Companion.Silo.Hosting;
using Companion.Testing.Time;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Companion.Silo.Tests;

/// <summary>
/// User tokens, <c>cgu.&lt;userId&gt;.&lt;issued&gt;.&lt;signature&gt;</c>: what the check accepts and refuses,
/// token by token, with tokens signed here under the silo's key so each part can be varied alone.
/// </summary>
public sealed class UserTokenTests
{
    private const string UserId = "u_0123456789abcdef";
    private static readonly byte[] SigningKey = RandomNumberGenerator.GetBytes(32);
    private readonly ManualClock _clock = new();

    [Fact]
    public void An_issued_token_names_its_user_and_when_it_was_issued()
    {
        var tokens = Tokens();
        var issued = tokens.IssueUserToken(UserId);

        var check = tokens.ValidateUserToken(issued.Token);

        Assert.Equal(UserId, check.UserId);
        Assert.Equal(issued.IssuedAt.ToUnixTimeMilliseconds(), check.IssuedAt.ToUnixTimeMilliseconds());
        Assert.False(check.Expired);
    }

    [Fact]
    public void A_token_past_its_lifetime_is_reported_expired_without_a_user()
    {
        var tokens = Tokens();
        var issued = tokens.IssueUserToken(UserId);
        _clock.Advance(new CompanionOptions().UserTokenLifetime);

        var check = tokens.ValidateUserToken(issued.Token);

        Assert.Null(check.UserId);
        Assert.True(check.Expired);
    }

    [Fact]
    public void A_signature_in_base64url_with_padding_or_in_plain_base64_is_read_as_the_same_bytes()
    {
        var body = $"cgu.{UserId}.{_clock.GetUtcNow().ToUnixTimeMilliseconds()}";
        var plain = Convert.ToBase64String(Sign(body));

        Assert.Equal(UserId, Tokens().ValidateUserToken($"{body}.{plain}").UserId);
        Assert.Equal(UserId, Tokens().ValidateUserToken($"{body}.{plain.Replace('+', '-').Replace('/', '_')}").UserId);
        Assert.Equal(UserId, Tokens().ValidateUserToken($"{body}.{plain.TrimEnd('=').Replace('+', '-').Replace('/', '_')}").UserId);
    }

    [Theory]
    [InlineData("cgx.{user}.{issued}")] // another prefix
    [InlineData("cgu.{user}.{issued}.7")] // a fifth part
    [InlineData("cgu.{user}.+{issued}")] // a sign before the time
    [InlineData("cgu.{user}. {issued}")] // a space before the time
    [InlineData("cgu.{user}.")] // no time
    [InlineData("cgu..{issued}")] // no user
    [InlineData("cgu.U_0123456789ABCDEF.{issued}")] // not a user id this service makes
    [InlineData("cgu.{user}")] // three parts in all
    public void A_token_of_another_form_is_refused_even_when_its_signature_matches(string template)
    {
        var body = template.Replace("{user}", UserId).Replace("{issued}", _clock.GetUtcNow().ToUnixTimeMilliseconds().ToString());
        var token = $"{body}.{Base64Url(Sign(body))}";

        var check = Tokens().ValidateUserToken(token);

        Assert.Null(check.UserId);
        Assert.False(check.Expired);
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("not-a-token")]
    [InlineData("cgu.u_0123456789abcdef.1700000000000.forged")]
    [InlineData("cgu.u_0123456789abcdef.1700000000000.!!!!")]
    public void A_malformed_or_forged_token_is_refused(string token) =>
        Assert.Null(Tokens().ValidateUserToken(token).UserId);

    [Fact]
    public void A_token_changed_in_any_part_is_refused()
    {
        var tokens = Tokens();
        var token = tokens.IssueUserToken(UserId).Token;
        var dots = token.Select((c, i) => (c, i)).Where(x => x.c == '.').Select(x => x.i).ToArray();

        string[] changed =
        [
            token.Replace(UserId, "u_0123456789abcdee"),
            token[..(dots[2] - 1)] + (token[dots[2] - 1] == '1' ? '2' : '1') + token[dots[2]..],
            token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1],
            token + "AAAA",
            "x" + token,
        ];
        foreach (var variant in changed)
        {
            Assert.Null(tokens.ValidateUserToken(variant).UserId);
        }
    }

    [Fact]
    public void A_token_far_longer_than_any_issued_is_refused() =>
        Assert.Null(Tokens().ValidateUserToken($"cgu.{UserId}.{new string('0', 300)}1.AAAA").UserId);

    [Fact]
    public void The_admin_token_is_recognised_only_whole()
    {
        var tokens = Tokens();

        Assert.True(tokens.IsAdmin("admin-ü-token"));
        Assert.True(tokens.IsAdmin("admin-ü-token".AsSpan()));
        Assert.False(tokens.IsAdmin("admin-ü-toke"));
        Assert.False(tokens.IsAdmin("admin-ü-token "));
        Assert.False(tokens.IsAdmin(new string('a', 5000)));
    }

    private static byte[] Sign(string body) => HMACSHA256.HashData(SigningKey, Encoding.UTF8.GetBytes(body));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private AccessTokens Tokens() => new(
        Options.Create(new CompanionOptions { AdminToken = "admin-ü-token", TokenSigningKey = Convert.ToBase64String(SigningKey) }),
        new DataDirectory(Path.GetTempPath()),
        _clock,
        NullLogger<AccessTokens>.Instance);
}

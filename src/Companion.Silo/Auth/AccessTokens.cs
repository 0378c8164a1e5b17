using System.Security.Cryptography;
using System.Text;
using Companion.Domain;
using Companion.Silo.Hosting;
using Microsoft.Extensions.Options;

namespace Companion.Silo.Auth;

/// <summary>
/// The admin token and user tokens. A user token is <c>cgu.&lt;userId&gt;.&lt;issued&gt;.&lt;signature&gt;</c>,
/// signed with HMAC-SHA256 under the silo's token key, so any silo holding the key can check it
/// without a lookup. Comparisons are constant-time. A user token expires
/// <see cref="CompanionOptions.UserTokenLifetime"/> after it was issued.
/// </summary>
public sealed partial class AccessTokens
{
    private const string UserPrefix = "cgu";
    private readonly byte[] _adminToken;
    private readonly byte[] _signingKey;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _lifetime;

    public AccessTokens(IOptions<CompanionOptions> options, DataDirectory data, TimeProvider clock, ILogger<AccessTokens> logger)
    {
        _clock = clock;
        var configured = options.Value;
        _lifetime = configured.UserTokenLifetime;
        var admin = configured.AdminToken;
        if (string.IsNullOrWhiteSpace(admin))
        {
            admin = data.ReadOrCreateSecret("admin-token", () => "cga." + Base64Url(RandomNumberGenerator.GetBytes(32)));
            logger.LogInformation("No Companion:AdminToken configured; the admin token is in {Path}", data.File("admin-token"));
        }

        _adminToken = Encoding.UTF8.GetBytes(admin);
        var key = configured.TokenSigningKey;
        if (string.IsNullOrWhiteSpace(key))
        {
            key = data.ReadOrCreateSecret("token-key", () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        }

        _signingKey = Convert.FromBase64String(key);
        if (_signingKey.Length < 32)
        {
            throw new InvalidOperationException("Companion:TokenSigningKey must be base64 of at least 32 bytes.");
        }
    }

    public bool IsAdmin(string token) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), _adminToken);

    public IssuedToken IssueUserToken(string userId)
    {
        var issued = _clock.GetUtcNow();
        var body = $"{UserPrefix}.{userId}.{issued.ToUnixTimeMilliseconds()}";
        return new IssuedToken($"{body}.{Base64Url(Sign(body))}", issued, issued + _lifetime);
    }

    /// <summary>Checks a user token's signature and age.</summary>
    public UserTokenCheck ValidateUserToken(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 4 || parts[0] != UserPrefix || !UserIds.IsValid(parts[1])
            || !long.TryParse(parts[2], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var issuedMs))
        {
            return UserTokenCheck.Invalid;
        }

        byte[] signature;
        try
        {
            signature = Convert.FromBase64String(FromBase64Url(parts[3]));
        }
        catch (FormatException)
        {
            return UserTokenCheck.Invalid;
        }

        var expected = Sign(string.Join('.', parts[..3]));
        if (!CryptographicOperations.FixedTimeEquals(signature, expected))
        {
            return UserTokenCheck.Invalid;
        }

        var issued = DateTimeOffset.FromUnixTimeMilliseconds(Math.Min(issuedMs, DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()));
        return _clock.GetUtcNow() >= issued + _lifetime
            ? new UserTokenCheck(null, issued, Expired: true)
            : new UserTokenCheck(parts[1], issued, Expired: false);
    }

    private byte[] Sign(string body) => HMACSHA256.HashData(_signingKey, Encoding.UTF8.GetBytes(body));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return padded + new string('=', (4 - padded.Length % 4) % 4);
    }
}

/// <summary>A freshly issued user token and its lifetime.</summary>
public sealed record IssuedToken(string Token, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt);

/// <summary>What checking a user token found: the user when valid; whether it had expired.</summary>
public sealed record UserTokenCheck(string? UserId, DateTimeOffset IssuedAt, bool Expired)
{
    public static UserTokenCheck Invalid { get; } = new(null, default, false);
}

using System.Security.Cryptography;
using System.Text;
using Companion.Silo.Hosting;
using Microsoft.Extensions.Options;

namespace Companion.Silo.Auth;

/// <summary>
/// The admin token and user tokens. A user token is <c>cgu.&lt;userId&gt;.&lt;issued&gt;.&lt;signature&gt;</c>,
/// signed with HMAC-SHA256 under the silo's token key, so any silo holding the key can check it
/// without a lookup. Comparisons are constant-time.
/// </summary>
public sealed partial class AccessTokens
{
    private const string UserPrefix = "cgu";
    private readonly byte[] _adminToken;
    private readonly byte[] _signingKey;
    private readonly TimeProvider _clock;

    public AccessTokens(IOptions<CompanionOptions> options, DataDirectory data, TimeProvider clock, ILogger<AccessTokens> logger)
    {
        _clock = clock;
        var configured = options.Value;
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

    public string IssueUserToken(string userId)
    {
        var body = $"{UserPrefix}.{userId}.{_clock.GetUtcNow().ToUnixTimeSeconds()}";
        return $"{body}.{Base64Url(Sign(body))}";
    }

    /// <summary>The user a token was issued to, or null when it is not a valid user token.</summary>
    public string? ValidateUserToken(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 4 || parts[0] != UserPrefix || !UserIds.IsValid(parts[1]) || !long.TryParse(parts[2], out _))
        {
            return null;
        }

        byte[] signature;
        try
        {
            signature = Convert.FromBase64String(FromBase64Url(parts[3]));
        }
        catch (FormatException)
        {
            return null;
        }

        var expected = Sign(string.Join('.', parts[..3]));
        return CryptographicOperations.FixedTimeEquals(signature, expected) ? parts[1] : null;
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

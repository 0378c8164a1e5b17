using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Companion.Silo.Auth;

/// <summary>
/// Admin sessions for browsers: the login page trades the admin token for a cookie value
/// <c>cgs.&lt;expires&gt;.&lt;signature&gt;</c>. The signature is an HMAC under a key derived from the
/// token signing key and the admin token, so the cookie never holds the token, every silo with
/// the same secrets accepts it, and changing either secret ends every session.
/// </summary>
public sealed partial class AccessTokens
{
    private const string SessionPrefix = "cgs";

    /// <summary>How long an admin session lasts.</summary>
    public static readonly TimeSpan AdminSessionLifetime = TimeSpan.FromHours(8);

    /// <summary>A new admin session value and when it expires.</summary>
    public (string Value, DateTimeOffset Expires) IssueAdminSession()
    {
        var expires = _clock.GetUtcNow().Add(AdminSessionLifetime);
        var body = string.Create(CultureInfo.InvariantCulture, $"{SessionPrefix}.{expires.ToUnixTimeSeconds()}");
        return ($"{body}.{Base64Url(SignSession(body))}", expires);
    }

    /// <summary>True when <paramref name="value"/> is an admin session this silo issued (or one with the same secrets) that has not expired.</summary>
    public bool IsAdminSession(string? value)
    {
        var parts = value?.Split('.');
        if (parts is not [SessionPrefix, var expiresText, var signatureText]
            || !long.TryParse(expiresText, NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
        {
            return false;
        }

        Span<byte> signature = stackalloc byte[MaxStackChars];
        if (!TryFromBase64Url(signatureText, signature, out var signatureLength))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(signature[..signatureLength], SignSession($"{SessionPrefix}.{expiresText}"))
            && _clock.GetUtcNow().ToUnixTimeSeconds() < expires;
    }

    private byte[] SignSession(string body)
    {
        // A key of its own, so a session signature can never pass as a user token's and the other way round.
        byte[] label = [.. "companion-admin-session\0"u8, .. _adminToken];
        var key = HMACSHA256.HashData(_signingKey, label);
        return HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(body));
    }
}

using System.Buffers;
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

    /// <summary>The longest token read on the stack; a longer one is not a token this service issues (about 80 characters).</summary>
    private const int MaxStackChars = 256;
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

    public bool IsAdmin(string token) => IsAdmin(token.AsSpan());

    /// <summary>True when <paramref name="token"/> is the admin token (compared in constant time for its length).</summary>
    public bool IsAdmin(ReadOnlySpan<char> token)
    {
        byte[]? rented = null;
        var bytes = token.Length <= MaxStackChars ? stackalloc byte[token.Length * 3] : (rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(token.Length)));
        try
        {
            return CryptographicOperations.FixedTimeEquals(bytes[..Encoding.UTF8.GetBytes(token, bytes)], _adminToken);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    public IssuedToken IssueUserToken(string userId)
    {
        var issued = _clock.GetUtcNow();
        var body = $"{UserPrefix}.{userId}.{issued.ToUnixTimeMilliseconds()}";
        return new IssuedToken($"{body}.{Base64Url(Sign(body))}", issued, issued + _lifetime);
    }

    /// <summary>Checks a user token's signature and age.</summary>
    public UserTokenCheck ValidateUserToken(string token) => ValidateUserToken(token.AsSpan());

    /// <summary>
    /// Checks a user token's signature and age: exactly four dot-separated parts, the prefix, a valid
    /// user id, the issue time in decimal digits, and the signature (base64url) of the first three.
    /// Read in place: the only string made is the user id of a valid token.
    /// </summary>
    public UserTokenCheck ValidateUserToken(ReadOnlySpan<char> token)
    {
        var signatureAt = token.LastIndexOf('.');
        if (signatureAt < 0 || token.Length > MaxStackChars)
        {
            return UserTokenCheck.Invalid;
        }

        // cgu.<userId>.<issued>: the prefix, then two more parts, neither holding a dot.
        var body = token[..signatureAt];
        if (!body.StartsWith(UserPrefix + ".", StringComparison.Ordinal))
        {
            return UserTokenCheck.Invalid;
        }

        var rest = body[(UserPrefix.Length + 1)..];
        var issuedAt = rest.IndexOf('.');
        if (issuedAt < 0
            || !long.TryParse(rest[(issuedAt + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var issuedMs))
        {
            return UserTokenCheck.Invalid;
        }

        var userIdText = rest[..issuedAt];
        var userId = userIdText.ToString();
        if (!UserIds.IsValid(userId))
        {
            return UserTokenCheck.Invalid;
        }

        Span<byte> signature = stackalloc byte[MaxStackChars];
        if (!TryFromBase64Url(token[(signatureAt + 1)..], signature, out var signatureLength))
        {
            return UserTokenCheck.Invalid;
        }

        Span<byte> bodyBytes = stackalloc byte[MaxStackChars * 3];
        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_signingKey, bodyBytes[..Encoding.UTF8.GetBytes(body, bodyBytes)], expected);
        if (!CryptographicOperations.FixedTimeEquals(signature[..signatureLength], expected))
        {
            return UserTokenCheck.Invalid;
        }

        var issued = DateTimeOffset.FromUnixTimeMilliseconds(Math.Min(issuedMs, DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()));
        return _clock.GetUtcNow() >= issued + _lifetime
            ? new UserTokenCheck(null, issued, Expired: true)
            : new UserTokenCheck(userId, issued, Expired: false);
    }

    private byte[] Sign(string body) => HMACSHA256.HashData(_signingKey, Encoding.UTF8.GetBytes(body));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>
    /// Decodes base64url (or base64; padding optional) into <paramref name="bytes"/> without a
    /// string; false for text that is not, or is longer than any signature this service makes.
    /// </summary>
    private static bool TryFromBase64Url(ReadOnlySpan<char> text, Span<byte> bytes, out int written)
    {
        if (text.Length > MaxStackChars)
        {
            written = 0;
            return false;
        }

        Span<char> padded = stackalloc char[MaxStackChars + 3];
        for (var i = 0; i < text.Length; i++)
        {
            padded[i] = text[i] switch { '-' => '+', '_' => '/', var c => c };
        }

        var length = text.Length;
        while (length % 4 != 0)
        {
            padded[length++] = '=';
        }

        return Convert.TryFromBase64Chars(padded[..length], bytes, out written);
    }
}

/// <summary>A freshly issued user token and its lifetime.</summary>
public sealed record IssuedToken(string Token, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt);

/// <summary>What checking a user token found: the user when valid; whether it had expired.</summary>
public sealed record UserTokenCheck(string? UserId, DateTimeOffset IssuedAt, bool Expired)
{
    public static UserTokenCheck Invalid { get; } = new(null, default, false);
}

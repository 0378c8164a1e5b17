using System.Security.Cryptography;
using System.Text;

namespace Companion.Silo.Webhooks;

/// <summary>
/// The Standard Webhooks signature: <c>v1,</c> + base64 HMAC-SHA256, keyed by the secret's bytes,
/// over <c>{webhook-id}.{webhook-timestamp}.{body}</c>. Secrets are <c>whsec_</c> + base64 of 32
/// random bytes. (Checked against the StandardWebhooks library in the tests.)
/// </summary>
public static class WebhookSignature
{
    public const string SecretPrefix = "whsec_";

    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The key bytes of a <c>whsec_…</c> secret.</summary>
    public static byte[] SecretBytes(string secret) =>
        Convert.FromBase64String(secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret);

    public static string Sign(string secret, string messageId, long timestampSeconds, string body)
    {
        var key = SecretBytes(secret);
        var signed = Encoding.UTF8.GetBytes($"{messageId}.{timestampSeconds}.{body}");
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, signed));
    }
}

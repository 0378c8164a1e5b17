namespace Companion.Silo.Hosting;

/// <summary>The <c>Companion</c> configuration section.</summary>
public sealed class CompanionOptions
{
    public const string Section = "Companion";

    /// <summary>Where the SQLite log, the generated admin token and keys live. Default <c>./data</c>.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>The admin bearer token. When unset, one is generated into <c>&lt;data dir&gt;/admin-token</c>.</summary>
    public string? AdminToken { get; set; }

    /// <summary>The key that signs user tokens (base64, 32 bytes or more). When unset, generated into <c>&lt;data dir&gt;/token-key</c>. Every silo of a cluster needs the same one.</summary>
    public string? TokenSigningKey { get; set; }

    /// <summary>How long a user token is valid after it was issued. Default 30 days.</summary>
    public TimeSpan UserTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The largest JSON body accepted, in bytes; larger bodies get 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;
}

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

    /// <summary>
    /// The master key that wraps every user's data key (base64, 32 bytes). When unset, generated
    /// into <c>&lt;data dir&gt;/master-key</c>. Every silo of a cluster needs the same one. In
    /// production give it from a secret store, so a copy of the data directory does not hold it.
    /// </summary>
    public string? MasterKey { get; set; }

    /// <summary>Master keys being rotated out (base64 each): they still unwrap, and at start-up every data key they wrap is rewrapped under <see cref="MasterKey"/>.</summary>
    public string[] RetiredMasterKeys { get; set; } = [];

    /// <summary>How long a user token is valid after it was issued. Default 30 days.</summary>
    public TimeSpan UserTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// How long a silo trusts what it last heard of a user's token revocation before asking the
    /// user's grain again (<see cref="Auth.TokenRevocations"/>): the bound within which a revocation
    /// made through another silo takes effect here. Default 1 s; zero asks on every request.
    /// </summary>
    public TimeSpan TokenCheckCacheLifetime { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The largest JSON body accepted, in bytes; larger bodies get 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;
}

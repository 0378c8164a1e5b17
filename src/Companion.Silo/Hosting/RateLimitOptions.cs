namespace Companion.Silo.Hosting;

/// <summary>The <c>RateLimits</c> configuration section. Rates are per second, sustained; bursts are bucket sizes.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    public bool Enabled { get; set; } = true;

    /// <summary>Writes (POST, PUT, PATCH, DELETE) per user token.</summary>
    public double UserWritesPerSecond { get; set; } = 20;

    public int UserWriteBurst { get; set; } = 60;

    /// <summary>Reads (GET, HEAD) of the API per user token.</summary>
    public double UserReadsPerSecond { get; set; } = 20;

    public int UserReadBurst { get; set; } = 60;

    /// <summary>Archive exports per user token, per minute.</summary>
    public int UserExportsPerMinute { get; set; } = 6;

    /// <summary>Chat history imports per user token, per minute (each writes a whole conversation in one request).</summary>
    public int UserHistoryImportsPerMinute { get; set; } = 10;

    /// <summary>Every request that carries no valid token (or a malformed one), per client IP.</summary>
    public double AnonymousRequestsPerSecond { get; set; } = 20;

    public int AnonymousBurst { get; set; } = 60;

    /// <summary>Operator login attempts (<c>POST /login</c>, right or wrong), per client IP, per minute.</summary>
    public int LoginsPerMinute { get; set; } = 10;
}

using Microsoft.Extensions.Options;

namespace Companion.Silo.Webhooks;

/// <summary>The webhook rules this silo applies, settled once from configuration and environment.</summary>
public sealed class WebhookPolicy(IOptions<WebhookOptions> options, IHostEnvironment environment)
{
    /// <summary>Loopback receivers are allowed in Development, or wherever <c>Webhooks:AllowLoopbackHttp</c> says so.</summary>
    public bool AllowLoopback { get; } = options.Value.AllowLoopbackHttp ?? environment.IsDevelopment();

    public WebhookOptions Options => options.Value;

    /// <summary>The wait before attempt <paramref name="failures"/> + 1: doubling from the first delay, capped.</summary>
    public TimeSpan RetryDelay(int failures)
    {
        var exponent = Math.Clamp(failures - 1, 0, 30);
        var delay = Options.FirstRetryDelay.Ticks * Math.Pow(2, exponent);
        return TimeSpan.FromTicks((long)Math.Min(delay, Options.MaxRetryDelay.Ticks));
    }
}

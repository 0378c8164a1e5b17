namespace Companion.Silo.Webhooks;

/// <summary>The <c>Webhooks</c> configuration section: where deliveries may go and how hard they try.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>
    /// Lets webhooks point at loopback (http or https), for a receiver on the same machine. On by
    /// default only in the Development environment; elsewhere a webhook must be https to a
    /// routable address.
    /// </summary>
    public bool? AllowLoopbackHttp { get; set; }

    /// <summary>Failed attempts at one event before the (webhook, user) pair is parked as a dead letter. Default 8.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait after the first failure; each further failure doubles it. Default 1 second.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two attempts. Default 5 minutes.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long one delivery may take before it counts as failed. Default 10 seconds.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How often a user's durable delivery reminder fires while deliveries are pending, so they
    /// resume after a silo dies. Orleans' minimum reminder period applies (one minute unless
    /// <c>Orleans:ReminderOptions:MinimumReminderPeriod</c> says less). Default 1 minute.
    /// </summary>
    public TimeSpan ResumePeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Events read from the log per page while delivering. Default 64.</summary>
    public int PageSize { get; set; } = 64;
}

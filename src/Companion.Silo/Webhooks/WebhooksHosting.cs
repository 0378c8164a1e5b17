using Companion.Grains;
using Microsoft.Extensions.Options;

namespace Companion.Silo.Webhooks;

/// <summary>Registers webhook delivery: its options (validated at start), policy, sender and guarded HTTP client.</summary>
public static class WebhooksHosting
{
    public static IServiceCollection AddCompanionWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebhookOptions>()
            .Bind(configuration.GetSection(WebhookOptions.Section))
            .Validate(o => o.MaxAttempts >= 1, "Webhooks:MaxAttempts must be 1 or more.")
            .Validate(o => o.FirstRetryDelay > TimeSpan.Zero && o.MaxRetryDelay >= o.FirstRetryDelay, "Webhooks:FirstRetryDelay must be positive and Webhooks:MaxRetryDelay at least as long.")
            .Validate(o => o.RequestTimeout > TimeSpan.Zero, "Webhooks:RequestTimeout must be positive.")
            .Validate(o => o.ResumePeriod > TimeSpan.Zero, "Webhooks:ResumePeriod must be positive.")
            .Validate(o => o.PageSize is >= 1 and <= 1000, "Webhooks:PageSize must be 1 to 1000.")
            .ValidateOnStart();
        services.AddSingleton<WebhookPolicy>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<WebhookAppendListener>();
        services.AddSingleton<IAppendListener>(provider => provider.GetRequiredService<WebhookAppendListener>());
        services.AddHttpClient(WebhookSender.ClientName)
            .ConfigurePrimaryHttpMessageHandler(provider => WebhookSender.Handler(provider.GetRequiredService<WebhookPolicy>()))
            .ConfigureHttpClient((provider, client) => client.Timeout = provider.GetRequiredService<IOptions<WebhookOptions>>().Value.RequestTimeout);
        return services;
    }
}

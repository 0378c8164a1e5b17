namespace Companion.Silo.Feed;

/// <summary>Registers the live stream's options (validated at start) and its per-user slots.</summary>
public static class EventStreamHosting
{
    public static IServiceCollection AddCompanionEventStream(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EventStreamOptions>()
            .Bind(configuration.GetSection(EventStreamOptions.Section))
            .Validate(o => o.MaxStreamsPerUser >= 1, "EventStream:MaxStreamsPerUser must be 1 or more.")
            .Validate(o => o.HeartbeatInterval > TimeSpan.Zero && o.HeartbeatInterval <= UserGrainMaxWait, "EventStream:HeartbeatInterval must be positive and at most 20 seconds.")
            .ValidateOnStart();
        services.AddSingleton<StreamSlots>();
        return services;
    }

    private static TimeSpan UserGrainMaxWait => Companion.Grains.UserGrain.MaxWait;
}

using System.Net;
using Orleans.Configuration;

namespace Companion.Silo.Hosting;

/// <summary>
/// Chooses how silos find each other from <c>Orleans:ClusteringProvider</c>: <c>Localhost</c>
/// (the default: one silo, nothing to run) or <c>Redis</c> (<c>Orleans:Redis:ConnectionString</c>;
/// membership in Redis, so several silos form one cluster). Orleans' Azure Table clustering is
/// not offered because its package is not available from the registry this project builds from.
/// </summary>
/// <remarks>
/// The key is not <c>Orleans:Clustering</c> because Orleans reads that section itself, as its own
/// provider configuration (<c>ProviderType</c>), and refuses a plain value there.
/// </remarks>
public static class ClusteringHosting
{
    public const string Localhost = "Localhost";
    public const string Redis = "Redis";

    /// <summary>Configures membership and endpoints from the <c>Orleans</c> section; throws saying what to set when the configuration cannot work.</summary>
    public static ISiloBuilder UseConfiguredClustering(this ISiloBuilder silo, IConfiguration orleans)
    {
        var siloPort = orleans.GetValue("SiloPort", EndpointOptions.DEFAULT_SILO_PORT);
        var gatewayPort = orleans.GetValue("GatewayPort", EndpointOptions.DEFAULT_GATEWAY_PORT);
        var serviceId = orleans.GetValue("ServiceId", "companion") ?? "companion";
        var clustering = orleans["ClusteringProvider"];
        if (string.IsNullOrEmpty(clustering) || string.Equals(clustering, Localhost, StringComparison.OrdinalIgnoreCase))
        {
            EnsurePortsFree(IPAddress.Loopback, siloPort, gatewayPort);
            return silo.UseLocalhostClustering(siloPort, gatewayPort,
                serviceId: serviceId,
                clusterId: orleans.GetValue("ClusterId", "companion-local") ?? "companion-local");
        }

        if (string.Equals(clustering, Redis, StringComparison.OrdinalIgnoreCase))
        {
            var connectionString = orleans["Redis:ConnectionString"];
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException("Orleans:ClusteringProvider is Redis, but Orleans:Redis:ConnectionString is not set.");
            }

            var advertised = IPAddress.Parse(orleans.GetValue("AdvertisedIPAddress", "127.0.0.1") ?? "127.0.0.1");
            EnsurePortsFree(advertised, siloPort, gatewayPort);
            // Orleans:Membership tunes failure detection (e.g. ProbeTimeout, NumMissedProbesLimit).
            silo.Configure<ClusterMembershipOptions>(orleans.GetSection("Membership"));
            return silo
                .Configure<ClusterOptions>(options =>
                {
                    options.ServiceId = serviceId;
                    options.ClusterId = orleans.GetValue("ClusterId", "companion") ?? "companion";
                })
                .ConfigureEndpoints(advertised, siloPort, gatewayPort)
                .UseRedisClustering(connectionString);
        }

        throw new InvalidOperationException($"Orleans:ClusteringProvider '{clustering}' is not known; use {Localhost} (the default) or {Redis}.");
    }

    private static void EnsurePortsFree(IPAddress address, int siloPort, int gatewayPort)
    {
        OrleansPorts.EnsureFree("Orleans:SiloPort", address, siloPort);
        OrleansPorts.EnsureFree("Orleans:GatewayPort", address, gatewayPort);
    }
}

using Azure.Data.Tables;
using System.Net;
using Orleans.Configuration;

namespace Companion.Silo.Hosting;

/// <summary>
/// Chooses how silos find each other from <c>Orleans:ClusteringProvider</c>: <c>Localhost</c> (one
/// silo, nothing to run) or <c>AzureStorage</c> (membership in the storage account's table service,
/// see <see cref="AzureStorageAccount"/>, so several silos form one cluster). When unset it follows
/// <c>Storage:Provider</c>: <c>AzureStorage</c> beside the Azure Blob log (what several silos share,
/// so silos sharing a log also share membership and never both host one user), <c>Localhost</c>
/// beside SQLite.
/// </summary>
/// <remarks>
/// The key is not <c>Orleans:Clustering</c> because Orleans reads that section itself, as its own
/// provider configuration (<c>ProviderType</c>), and refuses a plain value there.
/// </remarks>
public static class ClusteringHosting
{
    public const string Localhost = "Localhost";
    public const string AzureStorage = "AzureStorage";

    /// <summary>The clustering provider the configuration asks for, with the default applied.</summary>
    public static string ProviderFor(IConfiguration configuration)
    {
        var clustering = configuration["Orleans:ClusteringProvider"];
        if (!string.IsNullOrEmpty(clustering))
        {
            return clustering;
        }

        return string.Equals(configuration["Storage:Provider"], EventLogHosting.AzureBlob, StringComparison.OrdinalIgnoreCase) ? AzureStorage : Localhost;
    }

    /// <summary>Configures membership and endpoints; throws saying what to set when the configuration cannot work.</summary>
    public static ISiloBuilder UseConfiguredClustering(this ISiloBuilder silo, IConfiguration configuration)
    {
        var orleans = configuration.GetSection("Orleans");
        var siloPort = orleans.GetValue("SiloPort", EndpointOptions.DEFAULT_SILO_PORT);
        var gatewayPort = orleans.GetValue("GatewayPort", EndpointOptions.DEFAULT_GATEWAY_PORT);
        var serviceId = orleans.GetValue("ServiceId", "companion") ?? "companion";
        var clustering = ProviderFor(configuration);
        if (string.Equals(clustering, Localhost, StringComparison.OrdinalIgnoreCase))
        {
            EnsurePortsFree(IPAddress.Loopback, siloPort, gatewayPort);
            return silo.UseLocalhostClustering(siloPort, gatewayPort,
                serviceId: serviceId,
                clusterId: orleans.GetValue("ClusterId", "companion-local") ?? "companion-local");
        }

        if (string.Equals(clustering, AzureStorage, StringComparison.OrdinalIgnoreCase))
        {
            var connectionString = AzureStorageAccount.TableConnectionString(configuration, "Orleans membership (Orleans:ClusteringProvider AzureStorage)");
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
                .UseAzureStorageClustering(options => options.TableServiceClient = new TableServiceClient(connectionString));
        }

        throw new InvalidOperationException($"Orleans:ClusteringProvider '{clustering}' is not known; use {Localhost} or {AzureStorage} (the default beside Storage:Provider AzureBlob).");
    }

    private static void EnsurePortsFree(IPAddress address, int siloPort, int gatewayPort)
    {
        OrleansPorts.EnsureFree("Orleans:SiloPort", address, siloPort);
        OrleansPorts.EnsureFree("Orleans:GatewayPort", address, gatewayPort);
    }
}

using Companion.EventLog;
using Companion.EventLog.AzureStorage;
using Companion.EventLog.Sqlite;
using Companion.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Companion.Silo.Tests;

public sealed class StorageAndClusteringConfigurationTests : IDisposable
{
    private const string Azurite = "UseDevelopmentStorage=true";
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("companion-config-").FullName;

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    [Fact]
    public void Without_a_storage_provider_the_silo_uses_the_sqlite_log_in_its_data_directory()
    {
        using var services = Register(new());

        var log = services.GetRequiredService<IEventLog>();

        Assert.IsType<SqliteEventLog>(log);
    }

    [Fact]
    public void Storage_provider_AzureBlob_uses_the_blob_log_with_the_configured_container_and_segment_size()
    {
        using var services = Register(new()
        {
            ["Storage:Provider"] = "azureblob",
            ["Storage:AzureBlob:ConnectionString"] = Azurite,
            ["Storage:AzureBlob:ContainerName"] = "users",
            ["Storage:AzureBlob:MaxBlocksPerSegment"] = "1000",
        });

        var options = services.GetRequiredService<IOptions<AzureBlobEventLogOptions>>().Value;

        Assert.IsType<AzureBlobEventLog>(services.GetRequiredService<IEventLog>());
        Assert.Equal(("users", 1000, Azurite), (options.ContainerName, options.MaxBlocksPerSegment, options.ConnectionString));
    }

    [Fact]
    public void The_key_store_goes_with_the_provider_and_is_never_the_event_store_itself()
    {
        using var sqlite = Register(new());
        using var azure = Register(new() { ["Storage:Provider"] = "AzureBlob", ["Storage:AzureBlob:ConnectionString"] = Azurite });

        Assert.IsType<Companion.EventLog.Sqlite.Keys.SqliteDataKeyStore>(sqlite.GetRequiredService<Companion.EventLog.Encryption.IDataKeyStore>());
        Assert.IsType<AzureBlobDataKeyStore>(azure.GetRequiredService<Companion.EventLog.Encryption.IDataKeyStore>());
        var sameFile = Assert.Throws<OptionsValidationException>(() => Start(new()
        {
            ["Storage:Sqlite:DataSource"] = Path.Combine(_dataDirectory, "one.db"),
            ["Storage:Sqlite:KeysDataSource"] = Path.Combine(_dataDirectory, "one.db"),
        }));
        var sameContainer = Assert.Throws<OptionsValidationException>(() => Start(new()
        {
            ["Storage:Provider"] = "AzureBlob",
            ["Storage:AzureBlob:ConnectionString"] = Azurite,
            ["Storage:AzureBlob:ContainerName"] = "users",
            ["Storage:AzureBlob:KeysContainerName"] = "users",
        }));
        Assert.Contains("Storage:AzureBlob:KeysContainerName must differ from ContainerName", sameContainer.Message);
    }

    [Fact]
    public void A_storage_provider_that_is_not_known_is_refused_naming_the_ones_there_are()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Register(new() { ["Storage:Provider"] = "Cassandra" }));

        Assert.Contains("Sqlite (the default) or AzureBlob", error.Message);
    }

    [Theory]
    [InlineData("AzureBlob", "Storage:AzureBlob:ConnectionString", "", "Storage:AzureBlob:ConnectionString is not set")]
    [InlineData("AzureBlob", "Storage:AzureBlob:MaxBlocksPerSegment", "60000", "Storage:AzureBlob:MaxBlocksPerSegment must be between 1 and 50,000")]
    [InlineData("AzureBlob", "Storage:AzureBlob:CatalogListingMaxAge", "-00:00:01", "Storage:AzureBlob:CatalogListingMaxAge must not be negative")]
    [InlineData("Sqlite", "Storage:Sqlite:MaxBatchSize", "0", "Storage:Sqlite:MaxBatchSize must be at least 1")]
    public void A_storage_configuration_that_cannot_work_is_refused_at_start_up_saying_what_to_set(string provider, string key, string value, string message)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Start(new()
        {
            ["Storage:Provider"] = provider,
            ["Storage:AzureBlob:ConnectionString"] = Azurite,
            [key] = value,
        }));

        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData(null, null, ClusteringHosting.Localhost)]
    [InlineData("AzureBlob", null, ClusteringHosting.AzureStorage)]
    [InlineData("AzureBlob", "Localhost", ClusteringHosting.Localhost)]
    [InlineData("Sqlite", "AzureStorage", ClusteringHosting.AzureStorage)]
    public void Clustering_defaults_to_azure_table_membership_beside_the_blob_log_and_to_localhost_beside_sqlite(string? storage, string? clustering, string expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = storage,
            ["Orleans:ClusteringProvider"] = clustering,
        }).Build();

        Assert.Equal(expected, ClusteringHosting.ProviderFor(configuration));
    }

    [Theory]
    [InlineData("AzureStorage", null, "neither Orleans:AzureStorage:ConnectionString nor Storage:AzureBlob:ConnectionString is set")]
    [InlineData("AzureStorage", "DefaultEndpointsProtocol=http;AccountName=a;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:1/a;", "no TableEndpoint")]
    [InlineData("Redis", null, "use Localhost or AzureStorage")]
    public void A_clustering_configuration_that_cannot_work_is_refused_saying_what_to_set(string provider, string? connectionString, string message)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Orleans:ClusteringProvider"] = provider,
            ["Storage:AzureBlob:ConnectionString"] = connectionString,
        });

        var error = Assert.Throws<InvalidOperationException>(() =>
            builder.UseOrleans(silo => silo.UseConfiguredClustering(builder.Configuration)));

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Reminders_and_grain_state_beside_a_blob_only_connection_string_are_refused_saying_to_add_the_table_endpoint()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "AzureBlob",
            ["Storage:AzureBlob:ConnectionString"] = "DefaultEndpointsProtocol=http;AccountName=a;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:1/a;",
        });

        var error = Assert.Throws<InvalidOperationException>(() =>
            builder.UseOrleans(silo => silo.UseConfiguredOrleansState(builder.Configuration, new DataDirectory(_dataDirectory))));

        Assert.Contains("Storage:AzureBlob:ConnectionString names a BlobEndpoint but no TableEndpoint", error.Message);
        Assert.Contains("Orleans reminders and grain state", error.Message);
    }

    private ServiceProvider Register(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddConfiguredEventLog(configuration, new DataDirectory(_dataDirectory)).BuildServiceProvider();
    }

    /// <summary>Registers and runs the checks a starting host runs.</summary>
    private void Start(Dictionary<string, string?> settings)
    {
        using var services = Register(settings);
        services.GetRequiredService<IStartupValidator>().Validate();
    }
}

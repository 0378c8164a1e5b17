using System.Data.Common;

namespace Companion.Silo.Hosting;

/// <summary>
/// The Azure Storage account whose table service holds Orleans' own records (membership,
/// reminders, grain state): <c>Orleans:AzureStorage:ConnectionString</c>, or else the event log's
/// <c>Storage:AzureBlob:ConnectionString</c>, so a cluster needs one account and nothing else.
/// </summary>
public static class AzureStorageAccount
{
    public const string OwnKey = "Orleans:AzureStorage:ConnectionString";
    public const string SharedKey = "Storage:AzureBlob:ConnectionString";

    /// <summary>The connection string for the table service; throws saying what to set when there is none or it names no table service.</summary>
    public static string TableConnectionString(IConfiguration configuration, string neededFor)
    {
        var (key, value) = !string.IsNullOrWhiteSpace(configuration[OwnKey])
            ? (OwnKey, configuration[OwnKey])
            : (SharedKey, configuration[SharedKey]);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidOperationException(
                $"{neededFor} lives in Azure Table storage, but neither {OwnKey} nor {SharedKey} is set. Set one to the storage account's connection string.");
        }

        var parts = new DbConnectionStringBuilder { ConnectionString = value };
        if (parts.ContainsKey("BlobEndpoint") && !parts.ContainsKey("TableEndpoint"))
        {
            throw new InvalidOperationException(
                $"{key} names a BlobEndpoint but no TableEndpoint, and {neededFor} lives in the account's table service. " +
                "Add TableEndpoint=... (Azurite: its table port, e.g. http://127.0.0.1:10002/devstoreaccount1), or set " + OwnKey + ".");
        }

        return value;
    }
}

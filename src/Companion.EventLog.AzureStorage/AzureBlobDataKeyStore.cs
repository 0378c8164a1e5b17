using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Companion.EventLog.Encryption;

namespace Companion.EventLog.AzureStorage;

/// <summary>
/// The data keys on Azure Blob Storage, in a container of their own apart from the events' (a
/// copy of the events' container alone is ciphertext). One small block blob per stream,
/// <c>keys/&lt;stream&gt;.json</c> with the stream name hex-encoded as in the event log (so a
/// listing comes in ordinal order of the names), holds
/// <c>{"masterKeyId":…,"wrapped":base64}</c>, or <c>{"erasedAt":…}</c> once the stream was
/// erased. Every write is conditional on the blob's ETag as the writer read it, so processes
/// sharing the container never overwrite each other's key. The container is created on first use.
/// </summary>
/// <remarks>
/// Destroying a key overwrites its blob with the erasure mark. On real Azure storage, blob
/// versioning, soft delete and point-in-time restore must be off for the keys' container: with
/// any of them on, the account keeps the overwritten version, and so the key, for its retention
/// period, and the erasure does not reach the copies of the events.
/// </remarks>
public sealed class AzureBlobDataKeyStore : IDataKeyStore
{
    private const string Root = "keys/";
    private const string Suffix = ".json";

    private readonly BlobContainer _container;

    /// <summary>Connects to the account; <paramref name="containerName"/> is created on first use when missing.</summary>
    public AzureBlobDataKeyStore(string connectionString, string containerName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentException.ThrowIfNullOrWhiteSpace(containerName);
        _container = new BlobContainer(connectionString, containerName);
    }

    /// <inheritdoc />
    public async Task<DataKeyEntry?> GetAsync(string stream, CancellationToken cancellationToken = default)
    {
        var blob = BlobOf(stream);
        await EnsureContainerAsync(cancellationToken);
        return (await ReadAsync(blob, stream, cancellationToken)).Entry;
    }

    /// <inheritdoc />
    public async Task<DataKeyEntry> AddAsync(string stream, WrappedDataKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var blob = BlobOf(stream);
        await EnsureContainerAsync(cancellationToken);
        if (await TryUploadAsync(blob, KeyJson(key), new BlobRequestConditions { IfNoneMatch = ETag.All }, cancellationToken))
        {
            return new DataKeyEntry(stream, key with { Wrapped = key.Wrapped.ToArray() }, null);
        }

        // Another writer stored a key or an erasure first (or a retry of this upload found its
        // own earlier success): what is stored now is the answer. Key blobs are never deleted.
        return (await ReadAsync(blob, stream, cancellationToken)).Entry
            ?? throw new InvalidOperationException($"The key blob of stream '{stream}' exists but could not be read back.");
    }

    /// <inheritdoc />
    public async Task<bool> RewrapAsync(string stream, WrappedDataKey expected, WrappedDataKey replacement, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(replacement);
        var blob = BlobOf(stream);
        await EnsureContainerAsync(cancellationToken);
        var tried = false;
        return await ConditionalWrites.RunAsync(async token =>
        {
            var (entry, etag) = await ReadAsync(blob, stream, token);
            if (entry?.Key is not { } stored)
            {
                return false;
            }

            if (tried && stored.SameAs(replacement))
            {
                // The earlier attempt was carried out and only its answer was lost.
                return true;
            }

            if (!stored.SameAs(expected))
            {
                return false;
            }

            tried = true;
            return await TryUploadAsync(blob, KeyJson(replacement), new BlobRequestConditions { IfMatch = etag }, token) ? true : null;
        }, stream, "rewrapping", cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Overwrites the key blob with the erasure mark (a block blob's content is replaced whole).
    /// See the type's remarks: versioning and soft delete must be off for the keys' container.
    /// </remarks>
    public async Task DestroyAsync(string stream, DateTimeOffset erasedAt, CancellationToken cancellationToken = default)
    {
        var blob = BlobOf(stream);
        await EnsureContainerAsync(cancellationToken);
        await ConditionalWrites.RunAsync(async token =>
        {
            var (entry, etag) = await ReadAsync(blob, stream, token);
            if (entry is { IsErased: true })
            {
                return true;
            }

            var conditions = entry is null
                ? new BlobRequestConditions { IfNoneMatch = ETag.All }
                : new BlobRequestConditions { IfMatch = etag };
            return await TryUploadAsync(blob, ErasureJson(erasedAt), conditions, token) ? true : null;
        }, stream, "destroying it", cancellationToken);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<DataKeyEntry> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await EnsureContainerAsync(cancellationToken);
        await foreach (var item in _container.Client.GetBlobsAsync(new GetBlobsOptions { Prefix = Root }, cancellationToken))
        {
            if (!TryParseName(item.Name, out var stream))
            {
                continue;
            }

            if ((await ReadAsync(_container.Client.GetBlobClient(item.Name), stream, cancellationToken)).Entry is { } entry)
            {
                yield return entry;
            }
        }
    }

    /// <summary>The blob name of a stream's key: the name as four hex digits per UTF-16 code unit.</summary>
    internal static string NameOf(string stream) => Root + BlobNames.Encode(stream) + Suffix;

    /// <summary>The stream of a key blob's name; false for a name this store did not write.</summary>
    internal static bool TryParseName(string name, out string stream)
    {
        stream = "";
        if (!name.StartsWith(Root, StringComparison.Ordinal) || !name.EndsWith(Suffix, StringComparison.Ordinal))
        {
            return false;
        }

        var encoded = name.AsSpan(Root.Length, name.Length - Root.Length - Suffix.Length);
        if (encoded.Length == 0 || encoded.Length % 4 != 0 || encoded.ContainsAnyExcept("0123456789abcdef"))
        {
            return false;
        }

        stream = BlobNames.Decode(encoded.ToString());
        return true;
    }

    private BlobClient BlobOf(string stream) => _container.Client.GetBlobClient(NameOf(stream));

    private static async Task<(DataKeyEntry? Entry, ETag ETag)> ReadAsync(BlobClient blob, string stream, CancellationToken cancellationToken)
    {
        BlobDownloadResult download;
        try
        {
            download = (await blob.DownloadContentAsync(cancellationToken)).Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return (null, default);
        }

        return (Parse(stream, download.Content), download.Details.ETag);
    }

    /// <summary>Uploads under <paramref name="conditions"/>; false when they did not hold.</summary>
    private static async Task<bool> TryUploadAsync(BlobClient blob, BinaryData content, BlobRequestConditions conditions, CancellationToken cancellationToken)
    {
        try
        {
            await blob.UploadAsync(content, new BlobUploadOptions
            {
                Conditions = conditions,
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
            }, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    private static BinaryData KeyJson(WrappedDataKey key) => Json(writer =>
    {
        writer.WriteString("masterKeyId", key.MasterKeyId);
        writer.WriteBase64String("wrapped", key.Wrapped.Span);
    });

    private static BinaryData ErasureJson(DateTimeOffset erasedAt) => Json(writer =>
        writer.WriteString("erasedAt", erasedAt.ToString("O", CultureInfo.InvariantCulture)));

    private static BinaryData Json(Action<Utf8JsonWriter> writeFields)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writeFields(writer);
            writer.WriteEndObject();
        }

        return new BinaryData(buffer.WrittenMemory.ToArray());
    }

    private static DataKeyEntry Parse(string stream, BinaryData content)
    {
        try
        {
            using var document = JsonDocument.Parse(content.ToMemory());
            var root = document.RootElement;
            if (root.TryGetProperty("erasedAt", out var erasedAt))
            {
                var at = DateTimeOffset.ParseExact(erasedAt.GetString() ?? "", "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
                return new DataKeyEntry(stream, null, at);
            }

            var masterKeyId = root.GetProperty("masterKeyId").GetString() ?? throw new FormatException("'masterKeyId' is null.");
            return new DataKeyEntry(stream, new WrappedDataKey(masterKeyId, root.GetProperty("wrapped").GetBytesFromBase64()), null);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            throw new FormatException($"The key blob of stream '{stream}' is not a wrapped key nor an erasure mark: {e.Message}", e);
        }
    }

    private Task EnsureContainerAsync(CancellationToken cancellationToken) => _container.EnsureCreatedAsync(cancellationToken);
}

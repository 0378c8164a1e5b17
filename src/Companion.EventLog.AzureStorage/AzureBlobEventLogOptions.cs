namespace Companion.EventLog.AzureStorage;

/// <summary>Where the Azure Blob storage keeps its blobs (events, keys) and how it sizes them.</summary>
public sealed class AzureBlobEventLogOptions
{
    /// <summary>The configuration section these options are read from; messages about them name its keys.</summary>
    public const string SectionName = "Storage:AzureBlob";

    /// <summary>The default <see cref="KeysContainerName"/>.</summary>
    public const string DefaultKeysContainerName = "companion-keys";

    /// <summary>The storage account's connection string (Azurite's development string in tests). Required.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>The container holding every stream and snapshot; created when missing.</summary>
    public string ContainerName { get; set; } = "companion-events";

    /// <summary>
    /// The container holding the users' wrapped data keys, apart from <see cref="ContainerName"/> so
    /// a copy of the events alone is ciphertext; created when missing.
    /// </summary>
    public string KeysContainerName { get; set; } = DefaultKeysContainerName;

    /// <summary>
    /// How many append blocks a segment takes before the log seals it and continues in the next
    /// one. Azure refuses the 50,001st block of an append blob; the default stays well below.
    /// </summary>
    public int MaxBlocksPerSegment { get; set; } = 49_000;

    /// <summary>
    /// The largest batch of envelopes, in bytes, written as one append block. A batch is one block
    /// so that it is stored whole or not at all; a larger batch is refused. Azure's own limit per
    /// append block is 4 MiB on older service versions, which is the default.
    /// </summary>
    public int MaxBlockBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// How long a listing of the streams may answer the catalog's following pages. A caller paging
    /// through the catalog then costs one listing request per few thousand streams, and in
    /// exchange a page may show the container as it was up to this long before the call: a stream
    /// another process created or appended to since shows in the next pass (this log's own writes
    /// show at once). Zero lists anew for every page.
    /// </summary>
    public TimeSpan CatalogListingMaxAge { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The most blobs one listing request asks for: the service's own limit, lowered only by tests to cross page boundaries cheaply.</summary>
    internal int CatalogListingPageSize { get; set; } = 5_000;
}

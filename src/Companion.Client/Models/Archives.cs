namespace Companion.Client;

/// <summary>An archive restored into the silo.</summary>
/// <param name="UserId">The user it restored (the archive's own id).</param>
/// <param name="Version">How many events it restored.</param>
/// <param name="HeadHash">The restored head hash, equal to the archive's.</param>
/// <param name="Token">A bearer token for the restored user.</param>
/// <param name="TokenExpiresAt">When that token stops being accepted.</param>
public sealed record ArchiveImported(string UserId, long Version, string HeadHash, string Token, DateTimeOffset TokenExpiresAt);

/// <summary>An archive downloaded.</summary>
/// <param name="FileName">The name the silo gave it (<c>companion-&lt;userId&gt;-v&lt;version&gt;.zip</c>), when it gave one.</param>
/// <param name="Length">How many bytes were written.</param>
public sealed record ArchiveExported(string? FileName, long Length);

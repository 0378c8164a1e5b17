using Companion.Continuity.Verification;

namespace Companion.Silo.Hosting;

/// <summary>The <c>Continuity</c> configuration section: how large an imported archive may be.</summary>
public sealed class ContinuityOptions
{
    public const string Section = "Continuity";

    /// <summary>The largest archive body <c>POST /v1/imports</c> accepts, in bytes; larger bodies get 413. Default 256 MiB.</summary>
    public long MaxImportBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>The most bytes an imported archive's <c>events.jsonl</c> may expand to. Default 512 MiB.</summary>
    public long MaxEventsBytes { get; set; } = ArchiveLimits.Default.MaxEventsBytes;

    /// <summary>The most bytes all of an imported archive's entries together may expand to. Default 1 GiB.</summary>
    public long MaxTotalBytes { get; set; } = ArchiveLimits.Default.MaxTotalBytes;

    public ArchiveLimits Limits => ArchiveLimits.Default with { MaxEventsBytes = MaxEventsBytes, MaxTotalBytes = MaxTotalBytes };
}

using System.IO.Compression;

namespace Companion.Continuity.Verification;

public sealed partial class ArchiveVerifier
{
    /// <summary>
    /// Names, entry count and declared sizes, from the zip's directory alone: nothing is
    /// decompressed here. How well an entry compresses is not held against it (a history of
    /// repeated words compresses a thousand times); what a bomb costs is bounded by the sizes
    /// declared here, which every read is then held to (<see cref="CheckedEntryStream"/>).
    /// </summary>
    private void CheckEntries(ZipArchive zip, List<ArchiveProblem> problems)
    {
        if (zip.Entries.Count > _limits.MaxEntries)
        {
            problems.Add(new(ArchiveProblemKind.TooLarge, $"The archive holds {zip.Entries.Count} entries; at most {_limits.MaxEntries} are allowed."));
            return;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        long total = 0;
        foreach (var entry in zip.Entries)
        {
            var name = entry.FullName;
            if (!names.Add(name))
            {
                problems.Add(new(ArchiveProblemKind.UnexpectedEntry, $"Entry '{name}' appears more than once."));
            }

            if (Unsafe(name) is { } why)
            {
                problems.Add(new(ArchiveProblemKind.UnsafeEntry, $"Entry '{name}' {why}; refusing it."));
                continue;
            }

            if (!ArchiveFormat.FixedEntries.Contains(name) && name != ArchiveFormat.KeyEntry && !ArchiveFormat.LaterEntries.Contains(name) && !ArchiveFormat.IsPerCompanionEntry(name))
            {
                problems.Add(new(ArchiveProblemKind.UnexpectedEntry,
                    $"Entry '{name}' is not part of a {ArchiveFormat.Name} archive (expected {string.Join(", ", ArchiveFormat.FixedEntries)}, {ArchiveFormat.KeyEntry}, {string.Join(", ", ArchiveFormat.LaterEntries)}, companions/<id>.card.json, .card.v3.json or .card.png, and conversations/<companion>/<session>.md or .jsonl)."));
                continue;
            }

            var limit = name == ArchiveFormat.EventsEntry ? _limits.MaxEventsBytes : _limits.MaxEntryBytes;
            if (entry.Length > limit)
            {
                problems.Add(new(ArchiveProblemKind.TooLarge, $"Entry '{name}' expands to {entry.Length} bytes; the limit is {limit}."));
            }

            total += entry.Length;
        }

        if (total > _limits.MaxTotalBytes)
        {
            problems.Add(new(ArchiveProblemKind.TooLarge, $"The entries expand to {total} bytes in all; the limit is {_limits.MaxTotalBytes}."));
        }

        foreach (var required in ArchiveFormat.FixedEntries.Where(n => !names.Contains(n)))
        {
            problems.Add(new(ArchiveProblemKind.MissingEntry, $"The archive has no '{required}'."));
        }
    }

    /// <summary>Why a name could escape the folder it is unpacked into, or null when it cannot.</summary>
    private static string? Unsafe(string name)
    {
        if (name.Length == 0)
        {
            return "has an empty name";
        }

        if (name.StartsWith('/') || name.StartsWith('\\'))
        {
            return "is an absolute path";
        }

        if (name.Contains(':'))
        {
            return "names a drive or stream (':')";
        }

        if (name.Contains('\\'))
        {
            return "contains a backslash";
        }

        if (name.Any(char.IsControl))
        {
            return "contains a control character";
        }

        if (name.EndsWith('/'))
        {
            return "is a directory";
        }

        var segments = name.Split('/');
        if (segments.Contains(".."))
        {
            return "climbs out of the archive ('..')";
        }

        return segments.Any(s => s is "" or ".") ? "has an empty or '.' path segment" : null;
    }
}

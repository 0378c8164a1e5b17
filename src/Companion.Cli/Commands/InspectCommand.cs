using System.CommandLine;
using System.Globalization;
using Companion.Continuity;

namespace Companion.Cli.Commands;

/// <summary><c>companion inspect &lt;archive&gt;</c>: what an archive says it holds, without checking it.</summary>
internal static class InspectCommand
{
    public static Command Create(CliContext context)
    {
        var archive = new Argument<FileInfo>("archive") { Description = "The archive (.zip) to describe." };
        var command = new Command("inspect", "Show what an archive says it holds: user, head hash, whether its payloads are encrypted, date range, events by type, companions. Does not verify; use 'verify'.")
        {
            archive,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(context, parse.GetRequiredValue(archive), cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(CliContext context, FileInfo archive, CancellationToken cancellationToken)
    {
        if (!archive.Exists)
        {
            context.Error.WriteLine($"error: no such file: {archive.FullName}");
            return ExitCodes.Usage;
        }

        ArchiveManifest manifest;
        IReadOnlyList<Continuity.Verification.ArchivedCompanion> companions;
        bool encrypted;
        try
        {
            await using var file = archive.OpenRead();
            (manifest, companions, encrypted) = await ArchiveReader.InspectAsync(file, cancellationToken: cancellationToken);
        }
        catch (Exception e) when (e is InvalidDataException or System.Text.Json.JsonException)
        {
            context.Error.WriteLine($"error: {archive.Name} cannot be read as a continuity archive: {e.Message}");
            return ExitCodes.Failed;
        }

        var output = context.Out;
        output.WriteLine($"archive     {archive.Name} ({manifest.Format} v{manifest.FormatVersion}, by {manifest.Producer}, exported {Time(manifest.ExportedAt)})");
        output.WriteLine($"user        {manifest.UserId}");
        output.WriteLine($"version     {manifest.StreamVersion}");
        output.WriteLine($"head hash   {manifest.HeadHash}");
        output.WriteLine(encrypted
            ? "payloads    encrypted (AES-256-GCM); the user's key is in key.json, which says how to decrypt"
            : "payloads    not encrypted (no key.json)");
        output.WriteLine($"events      {manifest.EventCounts.Values.Sum()} from {Time(manifest.FirstEventAt)} to {Time(manifest.LastEventAt)}");
        var width = manifest.EventCounts.Keys.Select(k => k.Length).DefaultIfEmpty(0).Max();
        foreach (var (type, count) in manifest.EventCounts)
        {
            output.WriteLine($"  {type.PadRight(width)}  {count.ToString(CultureInfo.InvariantCulture),8}");
        }

        output.WriteLine($"companions  {companions.Count}");
        foreach (var companion in companions)
        {
            output.WriteLine($"  {companion.Id}  {companion.Name}");
        }

        output.WriteLine("(as the manifest says; 'companion verify' checks it)");
        return ExitCodes.Ok;
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}

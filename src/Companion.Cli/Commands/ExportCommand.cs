using System.CommandLine;
using Companion.Client;
using Companion.Continuity;
using Companion.Domain;

namespace Companion.Cli.Commands;

/// <summary><c>companion export --user &lt;id&gt; --out &lt;file&gt;</c>: downloads a user's continuity archive.</summary>
internal static class ExportCommand
{
    public static Command Create(CliContext context)
    {
        var silo = new SiloConnection();
        var user = new Option<string>("--user") { Description = "The user whose history to export.", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Where to write the archive (.zip).", Required = true };
        var command = new Command("export", "Download a user's whole history as a continuity archive.") { user, output };
        silo.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (silo.Connect(parse, context) is not var (http, api))
            {
                return ExitCodes.Usage;
            }

            using (http)
            {
                return await RunAsync(context, api, parse.GetRequiredValue(user), parse.GetRequiredValue(output), cancellationToken);
            }
        });
        return command;
    }

    public static async Task<int> RunAsync(CliContext context, CompanionClient api, string userId, FileInfo output, CancellationToken cancellationToken)
    {
        if (!UserIds.IsValid(userId))
        {
            context.Error.WriteLine($"error: {System.Text.Json.JsonSerializer.Serialize(userId)} is not a user id (a short lowercase prefix, '_', then 8 to 40 lowercase letters or digits, and nothing else).");
            return ExitCodes.Usage;
        }

        try
        {
            using var download = await api.OpenExportAsync(userId, cancellationToken);

            // Written beside the target and moved into place whole, so a broken download never looks like an archive.
            var partial = new FileInfo(output.FullName + ".partial");
            await using (var file = partial.Create())
            {
                await CliProgress.RunAsync(context, "Exporting", download.Length, progress => download.CopyToAsync(file, progress, cancellationToken));
            }

            partial.MoveTo(output.FullName, overwrite: true);
        }
        catch (HttpRequestException e)
        {
            context.Error.WriteLine($"error: cannot reach {api.BaseAddress}: {e.Message}");
            return ExitCodes.Failed;
        }
        catch (CompanionApiException e)
        {
            context.Error.WriteLine($"error: export refused: {e.Message}");
            return ExitCodes.Failed;
        }

        await using var archive = output.OpenRead();
        ArchiveManifest manifest;
        try
        {
            (manifest, _, _) = await ArchiveReader.InspectAsync(archive, cancellationToken: cancellationToken);
        }
        catch (Exception e) when (e is InvalidDataException or System.Text.Json.JsonException)
        {
            context.Error.WriteLine($"error: the silo sent {output.Name}, but it is not a continuity archive: {e.Message}");
            return ExitCodes.Failed;
        }

        context.Out.WriteLine($"exported: {output.Name}: user {manifest.UserId}, {manifest.StreamVersion} events, head hash {manifest.HeadHash}.");
        return ExitCodes.Ok;
    }
}

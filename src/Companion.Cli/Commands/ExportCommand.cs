using System.CommandLine;
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
            using var client = silo.CreateClient(parse, context);
            return client is null
                ? ExitCodes.Usage
                : await RunAsync(context, client, parse.GetRequiredValue(user), parse.GetRequiredValue(output), cancellationToken);
        });
        return command;
    }

    public static async Task<int> RunAsync(CliContext context, HttpClient client, string userId, FileInfo output, CancellationToken cancellationToken)
    {
        if (!UserIds.IsValid(userId))
        {
            context.Error.WriteLine($"error: {System.Text.Json.JsonSerializer.Serialize(userId)} is not a user id (a short lowercase prefix, '_', then 8 to 40 lowercase letters or digits, and nothing else).");
            return ExitCodes.Usage;
        }

        HttpResponseMessage response;
        try
        {
            response = await client.GetAsync($"/v1/users/{Uri.EscapeDataString(userId)}/export", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            context.Error.WriteLine($"error: cannot reach {client.BaseAddress}: {e.Message}");
            return ExitCodes.Failed;
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                context.Error.WriteLine($"error: export refused: {await SiloConnection.DescribeAsync(response, cancellationToken)}");
                return ExitCodes.Failed;
            }

            // Written beside the target and moved into place whole, so a broken download never looks like an archive.
            var partial = new FileInfo(output.FullName + ".partial");
            await using (var body = await response.Content.ReadAsStreamAsync(cancellationToken))
            await using (var file = partial.Create())
            {
                await CliProgress.RunAsync(context, "Exporting", response.Content.Headers.ContentLength, async report =>
                {
                    var buffer = new byte[1 << 16];
                    long copied = 0;
                    int read;
                    while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
                    {
                        await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                        report(copied += read);
                    }

                    return copied;
                });
            }

            partial.MoveTo(output.FullName, overwrite: true);
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

using System.CommandLine;
using Companion.Client;

namespace Companion.Cli.Commands;

/// <summary><c>companion import &lt;archive&gt;</c>: restores an archive into a silo (admin token).</summary>
internal static class ImportCommand
{
    public static Command Create(CliContext context)
    {
        var silo = new SiloConnection();
        var archive = new Argument<FileInfo>("archive") { Description = "The archive (.zip) to restore." };
        var command = new Command("import", "Restore an archive into a silo, into a user that has no events yet (needs the admin token).") { archive };
        silo.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var file = parse.GetRequiredValue(archive);
            return await silo.SendFileAsync(parse, context, file, api => RunAsync(context, api, file, cancellationToken));
        });
        return command;
    }

    public static async Task<int> RunAsync(CliContext context, CompanionClient api, FileInfo archive, CancellationToken cancellationToken)
    {
        await using var file = archive.OpenRead();
        ArchiveImported imported;
        try
        {
            imported = await CliProgress.RunAsync(context, "Importing", archive.Length, progress => api.ImportAsync(file, progress, cancellationToken));
        }
        catch (HttpRequestException e)
        {
            context.Error.WriteLine($"error: cannot reach {api.BaseAddress}: {e.Message}");
            return ExitCodes.Failed;
        }
        catch (CompanionApiException e)
        {
            context.Error.WriteLine($"error: import refused: {e.Message}");
            return ExitCodes.Failed;
        }

        context.Out.WriteLine($"imported: user {imported.UserId}, {imported.Version} events, head hash {imported.HeadHash}.");
        context.Out.WriteLine($"token: {imported.Token}");
        return ExitCodes.Ok;
    }
}

using System.CommandLine;
using Companion.Client;

namespace Companion.Cli.Commands;

/// <summary><c>companion import-chat &lt;file&gt; --user --companion</c>: brings a chat history in as one session.</summary>
internal static class ImportChatCommand
{
    public static Command Create(CliContext context)
    {
        var silo = new SiloConnection();
        var chat = new Argument<FileInfo>("file") { Description = "The chat: a SillyTavern .jsonl or a generic JSONL ({role, text, sentAt, name, model} per line)." };
        var user = new Option<string>("--user") { Description = "The user the chat belongs to.", Required = true };
        var companion = new Option<string>("--companion") { Description = "The companion it was with.", Required = true };
        var format = new Option<string?>("--format") { Description = "sillytavern or generic; told from the file when left out." };
        var offset = new Option<string?>("--utc-offset") { Description = "The offset of local times written without a zone (SillyTavern's), such as +02:00; UTC when left out." };
        var command = new Command("import-chat", "Import a chat history as one new session of a companion, all or nothing; the same file again writes nothing.")
        {
            chat, user, companion, format, offset,
        };
        silo.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var file = parse.GetRequiredValue(chat);
            var options = new HistoryImportOptions(parse.GetValue(format), parse.GetValue(offset));
            return await silo.SendFileAsync(parse, context, file,
                api => RunAsync(context, api, file, parse.GetRequiredValue(user), parse.GetRequiredValue(companion), options, cancellationToken));
        });
        return command;
    }

    public static async Task<int> RunAsync(
        CliContext context, CompanionClient api, FileInfo chat, string userId, string companionId, HistoryImportOptions options, CancellationToken cancellationToken)
    {
        await using var file = chat.OpenRead();
        HistoryImported imported;
        try
        {
            imported = await CliProgress.RunAsync(context, "Importing chat", chat.Length,
                progress => api.ImportHistoryAsync(userId, companionId, file, options, progress, cancellationToken));
        }
        catch (HttpRequestException e)
        {
            context.Error.WriteLine($"error: cannot reach {api.BaseAddress}: {e.Message}");
            return ExitCodes.Failed;
        }
        catch (CompanionApiException e)
        {
            context.Error.WriteLine($"error: chat refused: {e.Message}");
            return ExitCodes.Failed;
        }

        context.Out.WriteLine(imported.Duplicate
            ? $"already imported: session {imported.SessionId}; nothing was written."
            : $"imported: session {imported.SessionId}, {imported.Messages} messages, {imported.Swipes} swipes ({imported.Format}), version {imported.Version}.");
        foreach (var warning in imported.Warnings)
        {
            context.Out.WriteLine($"warning: {warning}");
        }

        return ExitCodes.Ok;
    }
}

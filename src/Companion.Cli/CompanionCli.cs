using System.CommandLine;
using Companion.Cli.Commands;

namespace Companion.Cli;

/// <summary>The <c>companion</c> command line: export, verify, import, inspect, simulate.</summary>
public static class CompanionCli
{
    /// <summary>Parses <paramref name="args"/>, runs the command and returns the exit code (see <see cref="ExitCodes"/>).</summary>
    public static Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        var root = new RootCommand("Continuity archives of Companion.Grains: export a user's whole history, verify it offline, import it, inspect it; simulate traffic.")
        {
            ExportCommand.Create(context),
            VerifyCommand.Create(context),
            ImportCommand.Create(context),
            ImportChatCommand.Create(context),
            InspectCommand.Create(context),
            SimulateCommand.Create(context),
        };
        return root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = context.Out, Error = context.Error }, cancellationToken);
    }
}

using System.CommandLine;
using Companion.Continuity.Verification;
using Companion.EventLog;

namespace Companion.Cli.Commands;

/// <summary><c>companion verify &lt;archive&gt;</c>: checks an archive offline, as an import would.</summary>
internal static class VerifyCommand
{
    public static Command Create(CliContext context)
    {
        var archive = new Argument<FileInfo>("archive") { Description = "The archive (.zip) to check." };
        var command = new Command("verify", "Check an archive offline: entries, sizes, every hash of the chain, event types, manifest, snapshot and readable files.")
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

        var verifier = new ArchiveVerifier(EventTypeRegistry.ForUserEvents());
        var verification = await CliProgress.RunAsync(context, "Verifying", archive.Length, progress =>
            verifier.VerifyFileAsync(archive.FullName, new Progress<ArchiveProgress>(p => progress.Report(p.Bytes * archive.Length / Math.Max(1, p.TotalBytes))), cancellationToken));
        if (verification is { IsValid: true, Summary: { } summary })
        {
            context.Out.WriteLine($"valid: {archive.Name} is a complete, unaltered history of user {summary.UserId}: {summary.Version} events, head hash {summary.HeadHash}.");
            foreach (var note in verification.Notes)
            {
                context.Out.WriteLine($"note: {note}");
            }

            return ExitCodes.Ok;
        }

        context.Error.WriteLine($"invalid: {archive.Name} was refused ({verification.Problems.Length} problem{(verification.Problems.Length == 1 ? "" : "s")}):");
        foreach (var problem in verification.Problems)
        {
            context.Error.WriteLine($"  {problem.Message}");
        }

        return ExitCodes.Failed;
    }
}

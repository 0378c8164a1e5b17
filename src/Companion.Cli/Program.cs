using Companion.Cli;

return await CompanionCli.RunAsync(args, CliContext.FromConsole());

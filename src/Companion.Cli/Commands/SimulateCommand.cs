using System.CommandLine;
using Companion.Cli.Simulate;
using Companion.Client;

namespace Companion.Cli.Commands;

/// <summary><c>companion simulate --users N --minutes M</c>: realistic traffic from seeded users, then a summary.</summary>
internal static class SimulateCommand
{
    public static Command Create(CliContext context)
    {
        var silo = new SiloConnection();
        var users = new Option<int>("--users") { Description = "How many users to create and simulate.", DefaultValueFactory = _ => 3 };
        var minutes = new Option<double>("--minutes") { Description = "How long to run traffic; fractions allowed (0.1 is six seconds).", DefaultValueFactory = _ => 1 };
        var rate = new Option<double>("--rate") { Description = "Requests per user per minute, on average.", DefaultValueFactory = _ => 30 };
        var seed = new Option<int>("--seed") { Description = "Seeds the random choices, so a run can be repeated.", DefaultValueFactory = _ => 1 };
        var seeds = new Option<DirectoryInfo?>("--seeds") { Description = "The seed folder; default: 'seeds' above the current directory or next to the executable." };
        var maxErrors = new Option<double>("--max-error-percent") { Description = "Exit 1 when more requests than this failed.", DefaultValueFactory = _ => 1 };
        var command = new Command("simulate", "Create users with companions and drive realistic traffic at a silo, then summarize (admin token).")
        {
            users, minutes, rate, seed, seeds, maxErrors,
        };
        silo.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(users) is < 1 or > 10_000 || parse.GetValue(minutes) is not (> 0 and <= 24 * 60) || parse.GetValue(rate) is not (> 0 and <= 60_000))
            {
                context.Error.WriteLine("error: --users must be 1 to 10000, --minutes more than 0 and at most 1440, --rate more than 0 and at most 60000.");
                return ExitCodes.Usage;
            }

            if (LoadSeeds(context, parse.GetValue(seeds)) is not { } catalog)
            {
                return ExitCodes.Usage;
            }

            if (silo.Connect(parse, context) is not var (http, api))
            {
                return ExitCodes.Usage;
            }

            using (http)
            {
                var plan = new SimulationPlan(parse.GetValue(users), TimeSpan.FromMinutes(parse.GetValue(minutes)), parse.GetValue(rate), parse.GetValue(seed), catalog);
                return await RunAsync(context, api, plan, parse.GetValue(maxErrors), cancellationToken);
            }
        });
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, CompanionClient api, SimulationPlan plan, double maxErrorPercent, CancellationToken cancellationToken)
    {
        var stats = new SimulationStats();
        var admin = new SimulationClient(api, stats, maxRetryAfter: TimeSpan.FromSeconds(30));
        var simulation = new Simulation(admin, stats, plan, TimeProvider.System);
        var failure = await SimulationReport.WatchAsync(context, stats, simulation.RunAsync(cancellationToken));
        SimulationReport.WriteSummary(context.Out, stats);
        context.Out.WriteLine($"users: {string.Join(' ', stats.Heads.Keys.Order(StringComparer.Ordinal))}");
        if (failure is not null)
        {
            context.Error.WriteLine($"error: {failure}");
            return ExitCodes.Failed;
        }

        var errorPercent = stats.Requests == 0 ? 0 : 100.0 * stats.Errors / stats.Requests;
        if (errorPercent > maxErrorPercent)
        {
            context.Error.WriteLine(FormattableString.Invariant($"error: {errorPercent:0.##}% of requests failed; the limit is {maxErrorPercent}%."));
            return ExitCodes.Failed;
        }

        return ExitCodes.Ok;
    }

    private static SeedCatalog? LoadSeeds(CliContext context, DirectoryInfo? given)
    {
        var directory = given ?? SeedCatalog.Find(Directory.GetCurrentDirectory());
        if (directory is null || !directory.Exists)
        {
            context.Error.WriteLine(given is null
                ? "error: no 'seeds' folder above the current directory or next to the executable; pass --seeds <dir>."
                : $"error: no such seeds folder: {given.FullName}.");
            return null;
        }

        try
        {
            return SeedCatalog.Load(directory);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            context.Error.WriteLine($"error: cannot read the seeds: {e.Message}");
            return null;
        }
    }
}

extern alias silo;

using Microsoft.AspNetCore.Hosting;
using Companion.Testing;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Companion.Cli.Tests;

/// <summary>A real silo in process on its own data directory and free ports, rate limits off, for the simulator to drive.</summary>
public sealed class SimulationSilo : WebApplicationFactory<silo::Program>
{
    public const string AdminToken = "simulate-admin-token";

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("companion-simulate-").FullName;

    public SimulationSilo() => TestPorts.StartWithRetry(StartServer);

    /// <summary>Runs the CLI in process with its HTTP going straight into this silo.</summary>
    internal Task<int> RunCliAsync(Cli cli, params string[] args) =>
        CompanionCli.RunAsync(args, new CliContext(cli.Out, cli.Error, _ => null, Server.CreateHandler(), Interactive: false));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Companion:DataDirectory", _dataDirectory);
        builder.UseSetting("Companion:AdminToken", AdminToken);
        builder.UseSetting("Orleans:SiloPort", TestPorts.Next().ToString());
        builder.UseSetting("Orleans:GatewayPort", TestPorts.Next().ToString());
        builder.UseSetting("Orleans:ClusterId", "simulate-" + Guid.NewGuid().ToString("N"));
        builder.UseSetting("RateLimits:Enabled", "false");
    }
}

using Microsoft.AspNetCore.Hosting;

namespace Companion.Silo.Tests;

/// <summary>
/// Two silos on their own data: users are made and exported on <see cref="Source"/> and
/// restored on <see cref="Target"/>, which starts with no users; <see cref="Small"/> takes
/// imports of at most <see cref="SmallImportBytes"/> bytes.
/// </summary>
public sealed class ContinuityFixture : IAsyncLifetime
{
    public const int SmallImportBytes = 2048;

    public SiloFactory Source { get; } = new();

    public SiloFactory Target { get; } = new();

    public SiloFactory Small { get; } = new SmallImportSilo();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await Source.DisposeAsync();
        await Target.DisposeAsync();
        await Small.DisposeAsync();
    }

    private sealed class SmallImportSilo : SiloFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Continuity:MaxImportBytes", SmallImportBytes.ToString());
        }
    }
}

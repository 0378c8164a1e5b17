namespace Companion.Client.Tests;

public sealed class AppTourTests(ClientSilo silo) : IClassFixture<ClientSilo>
{
    [Fact]
    public Task Every_app_call_of_the_client_returns_what_was_sent_against_a_real_silo() => AppTour.RunAsync(silo);
}

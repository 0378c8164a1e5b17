using System.Net;
using System.Net.Sockets;
using Companion.Testing;

namespace Companion.Silo.Tests;

public sealed class TestPortsTests
{
    [Fact]
    public async Task Ports_handed_out_at_once_are_all_different_and_claimed_against_other_processes()
    {
        var ports = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => TestPorts.Next(50))));
        var all = ports.SelectMany(p => p).ToArray();

        Assert.Equal(all.Length, all.Distinct().Count());
        Assert.All(all, port => Assert.InRange(port, TestPorts.First, TestPorts.Last));
        // Another process would find each port's lock taken.
        Assert.All(all.Take(20), port => Assert.Throws<IOException>(() =>
            new FileStream(Path.Combine(Path.GetTempPath(), "companion-test-ports", $"{port}.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None).Dispose()));
    }

    [Fact]
    public void A_port_in_use_outside_the_tests_is_never_handed_out()
    {
        var taken = new List<TcpListener>();
        try
        {
            // The ports that would come next, held the way a foreign process holds them: bound, with no lock file.
            var last = TestPorts.Next();
            foreach (var port in Enumerable.Range(last + 1, 50).Where(p => p <= TestPorts.Last))
            {
                var listener = new TcpListener(IPAddress.Loopback, port);
                try
                {
                    listener.Start();
                    taken.Add(listener);
                }
                catch (SocketException)
                {
                    listener.Dispose();
                }
            }

            var held = taken.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToHashSet();
            var next = TestPorts.Next(5);

            Assert.NotEmpty(held);
            Assert.DoesNotContain(next, held.Contains);
        }
        finally
        {
            taken.ForEach(l => l.Stop());
        }
    }

    [Fact]
    public async Task A_silo_whose_port_was_taken_from_outside_starts_again_on_new_ports()
    {
        using var outsider = new TcpListener(IPAddress.Loopback, TestPorts.Next());
        outsider.Start();
        var occupied = ((IPEndPoint)outsider.LocalEndpoint).Port;
        var first = true;
        await using var silo = new SiloFactory(null, nextPort: () =>
        {
            if (first)
            {
                first = false;
                return occupied;
            }

            return TestPorts.Next();
        });

        var live = await silo.CreateClient().GetAsync("/livez");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.NotEqual(occupied, silo.SiloPort);
    }
}

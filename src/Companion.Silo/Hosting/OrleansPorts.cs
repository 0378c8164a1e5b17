using System.Net;
using System.Net.Sockets;

namespace Companion.Silo.Hosting;

/// <summary>
/// Checks at start-up that nothing listens on this silo's Orleans ports yet. Orleans binds its
/// ports so that a second process may bind them too (address and port reuse), so two silos on
/// one host with the same ports (both on the defaults 11111 and 30000) would otherwise both
/// start without a word, sharing traffic meant for one of them.
/// </summary>
/// <remarks>
/// The check connects instead of binding: a bind would itself be allowed by the first silo's
/// port reuse, or refused by connections of an earlier run still in TIME_WAIT.
/// </remarks>
public static class OrleansPorts
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Throws, saying which keys to set, when something already listens on <paramref name="address"/>:<paramref name="port"/>.</summary>
    public static void EnsureFree(string key, IPAddress address, int port)
    {
        if (port == 0)
        {
            return; // no such endpoint (a silo without a gateway)
        }

        using var probe = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using var timeout = new CancellationTokenSource(ConnectTimeout);
        try
        {
            probe.ConnectAsync(new IPEndPoint(address, port), timeout.Token).AsTask().GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return; // nothing listens there
        }

        throw new InvalidOperationException(
            $"Port {port} ({key}) is already in use on {address}, most likely by another silo. Each silo on one host needs its own Orleans ports: "
            + "set Orleans:SiloPort and Orleans:GatewayPort (e.g. --Orleans:SiloPort 11112 --Orleans:GatewayPort 30001, or Orleans__SiloPort and Orleans__GatewayPort in the environment).",
            new SocketException((int)SocketError.AddressAlreadyInUse)); // the cause, as a bind would have said it: callers that retry on new ports recognise it
    }
}

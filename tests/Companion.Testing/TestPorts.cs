using System.Net;
using System.Net.Sockets;

namespace Companion.Testing;

/// <summary>
/// Loopback ports for test servers, never the same one twice while any test process lives.
/// </summary>
/// <remarks>
/// Picking a port by binding port 0 and closing the socket races: the kernel hands the same
/// ephemeral port to the next asker, and test projects run in parallel processes. So ports come
/// from below Linux's ephemeral range (32768–60999), where neither a port-0 bind nor an outgoing
/// connection lands by chance; each is claimed with an exclusive lock on a file named after it,
/// which the kernel holds until this process ends (even by SIGKILL), so no other test process
/// can claim it; and it is checked free by binding it, since a process outside the tests may
/// hold it. A port once handed out is never handed out again by this process.
/// </remarks>
public static class TestPorts
{
    public const int First = 20000;
    public const int Last = 32000;

    private static readonly string LockDirectory = Path.Combine(Path.GetTempPath(), "companion-test-ports");
    private static readonly List<FileStream> Claimed = [];
    private static readonly Lock Gate = new();
    private static int _cursor = Random.Shared.Next(First, Last + 1);

    /// <summary>A free loopback port that no other caller in any test process has been given.</summary>
    public static int Next()
    {
        lock (Gate)
        {
            Directory.CreateDirectory(LockDirectory);
            for (var tried = 0; tried <= Last - First; tried++)
            {
                var port = _cursor;
                _cursor = _cursor == Last ? First : _cursor + 1;
                if (TryClaim(port))
                {
                    return port;
                }
            }
        }

        throw new InvalidOperationException($"No free loopback port is left between {First} and {Last}.");
    }

    /// <summary><paramref name="count"/> ports from <see cref="Next"/>.</summary>
    public static int[] Next(int count) => Enumerable.Range(0, count).Select(_ => Next()).ToArray();

    /// <summary>True when <paramref name="error"/> (or an exception inside it) says an address was already in use.</summary>
    public static bool IsAddressInUse(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse }
                || e.GetType().Name == "AddressInUseException"
                || (e is AggregateException aggregate && aggregate.InnerExceptions.Any(IsAddressInUse)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Runs <paramref name="start"/> (a server's start, which picks its ports from <see cref="Next"/>
    /// each time) again, up to <paramref name="attempts"/> times in all, while it fails because a
    /// port was taken in the meantime by a process outside the tests.
    /// </summary>
    public static void StartWithRetry(Action start, int attempts = 3)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                start();
                return;
            }
            catch (Exception e) when (attempt < attempts && IsAddressInUse(e))
            {
                // The next start picks new ports.
            }
        }
    }

    private static bool TryClaim(int port)
    {
        FileStream claim;
        try
        {
            // FileShare.None is an exclusive advisory lock (flock) on Unix, released only when the process ends.
            claim = new FileStream(Path.Combine(LockDirectory, $"{port}.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return false; // another test process has it
        }
        catch (UnauthorizedAccessException)
        {
            return false; // a lock file of another user's run
        }

        if (!IsFree(port))
        {
            claim.Dispose();
            return false;
        }

        Claimed.Add(claim);
        return true;
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}

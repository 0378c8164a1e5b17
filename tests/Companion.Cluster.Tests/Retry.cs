using System.Diagnostics;

namespace Companion.Cluster.Tests;

/// <summary>Retries a call that fails while the cluster recovers from a lost silo, within a deadline.</summary>
public static class Retry
{
    public static async Task<T> UntilSuccessAsync<T>(Func<Task<T>> call, TimeSpan deadline, Action? onRetry = null)
    {
        var started = Stopwatch.StartNew();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (Exception e) when (IsTransient(e) && started.Elapsed < deadline)
            {
                onRetry?.Invoke();
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(1000, 50 * attempt)));
            }
        }
    }

    // Domain errors are answers, not failures of the cluster; everything else may pass.
    private static bool IsTransient(Exception e) => e is not Companion.Domain.Commands.DomainException;
}

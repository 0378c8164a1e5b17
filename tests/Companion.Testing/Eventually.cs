namespace Companion.Testing;

/// <summary>Waits for a condition another thread or process makes true.</summary>
public static class Eventually
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Completes once <paramref name="condition"/> holds; throws <see cref="TimeoutException"/>
    /// naming <paramref name="what"/> when it still does not after <paramref name="timeout"/> (30 s unless given).
    /// </summary>
    public static async Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (!condition())
        {
            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"Timed out waiting until {what}.");
            }

            await Task.Delay(10);
        }
    }
}

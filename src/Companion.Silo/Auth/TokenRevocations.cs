using System.Collections.Concurrent;
using Companion.Grains;
using Companion.Silo.Hosting;
using Microsoft.Extensions.Options;

namespace Companion.Silo.Auth;

/// <summary>
/// This silo's memory of when each user's tokens were last revoked (their grain's
/// <c>TokensValidFrom</c>), so that authenticating a request does not call the user's grain every
/// time before the endpoint calls it again. What a revocation guarantees, in a cluster:
/// <list type="bullet">
/// <item>on the silo that served <c>POST …/tokens/revoke</c>, earlier tokens stop working at once
/// (<see cref="Revoked"/> is told before the answer is sent);</item>
/// <item>on every other silo, within <see cref="CompanionOptions.TokenCheckCacheLifetime"/> (1 s by
/// default), after which a remembered value is asked of the grain again.</item>
/// </list>
/// A zero lifetime asks the grain on every request. Revocations only move forward, so a slow
/// answer from the grain never replaces a newer value this silo already holds.
/// </summary>
public sealed class TokenRevocations(IGrainFactory grains, TimeProvider clock, IOptions<CompanionOptions> options)
{
    /// <summary>Above this many users remembered, the stale ones are forgotten (and all, if none is stale).</summary>
    internal const int MaxRemembered = 100_000;

    private readonly ConcurrentDictionary<string, Remembered> _users = new(StringComparer.Ordinal);
    private readonly TimeSpan _lifetime = options.Value.TokenCheckCacheLifetime;

    /// <summary>The time before which <paramref name="userId"/>'s tokens are revoked, or null.</summary>
    public async ValueTask<DateTimeOffset?> ValidFromAsync(string userId)
    {
        var now = clock.GetTimestamp();
        if (_users.TryGetValue(userId, out var known) && IsFresh(known, now))
        {
            return known.ValidFrom;
        }

        var validFrom = await grains.GetUserGrain(userId).GetTokensValidFrom();
        return Remember(userId, validFrom, now);
    }

    /// <summary>Told by this silo's revocation endpoint once the grain has recorded it.</summary>
    public void Revoked(string userId, DateTimeOffset? validFrom) => Remember(userId, validFrom, clock.GetTimestamp());

    private DateTimeOffset? Remember(string userId, DateTimeOffset? validFrom, long at)
    {
        if (_lifetime <= TimeSpan.Zero)
        {
            return validFrom;
        }

        if (_users.Count >= MaxRemembered)
        {
            Forget(at);
        }

        return _users.AddOrUpdate(userId,
            static (_, fresh) => fresh,
            static (_, held, fresh) => held.ValidFrom is { } heldFrom && (fresh.ValidFrom is not { } freshFrom || heldFrom > freshFrom)
                ? held with { At = fresh.At }
                : fresh,
            new Remembered(validFrom, at)).ValidFrom;
    }

    private bool IsFresh(Remembered known, long now) => clock.GetElapsedTime(known.At, now) < _lifetime;

    private void Forget(long now)
    {
        foreach (var (userId, known) in _users)
        {
            if (!IsFresh(known, now))
            {
                _users.TryRemove(userId, out _);
            }
        }

        if (_users.Count >= MaxRemembered)
        {
            _users.Clear();
        }
    }

    private sealed record Remembered(DateTimeOffset? ValidFrom, long At);
}

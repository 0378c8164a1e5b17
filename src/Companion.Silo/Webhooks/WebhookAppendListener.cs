using Companion.Grains;

namespace Companion.Silo.Webhooks;

/// <summary>
/// Passes each durable append to the user's <see cref="IWebhookDeliveryGrain"/> as a one-way
/// notice, when there is a webhook to feed. With none enabled, a notice costs an activation of the
/// user's delivery grain and a call to the registry for every append (a third of the HTTP
/// <c>POST</c> rate, measured), so this silo keeps whether any webhook is enabled, read from the
/// registry at most every <see cref="RefreshPeriod"/>, and while none is it only remembers which
/// users appended. A read that finds one announces every user remembered since the read before it,
/// so no append made after a webhook was enabled goes unannounced, on whichever silo it was made; a
/// read that finds none forgets those users, since their events came before any webhook enabled
/// later (a new webhook starts after its creation). This silo's own changes to the webhooks
/// (<see cref="WebhooksChanged"/>) take effect at once.
/// </summary>
public sealed partial class WebhookAppendListener(IGrainFactory grains, ILogger<WebhookAppendListener> logger) : IAppendListener
{
    /// <summary>How stale this silo's knowledge of whether a webhook is enabled may grow.</summary>
    public static readonly TimeSpan RefreshPeriod = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private Dictionary<string, long> _quiet = new(StringComparer.Ordinal);
    private bool? _anyEnabled;
    private long _readAt;
    private bool _reading;

    public void Appended(string userId, long version)
    {
        lock (_gate)
        {
            if (_anyEnabled == false)
            {
                _quiet[userId] = version;
                ReadSoon(delayed: true);
                return;
            }

            if (_anyEnabled is null || Environment.TickCount64 - _readAt > RefreshPeriod.TotalMilliseconds)
            {
                ReadSoon(delayed: false);
            }
        }

        Notify(userId, version);
    }

    /// <summary>A webhook was added or enabled through this silo: announce every append from now on, until the next read.</summary>
    public void WebhooksChanged()
    {
        Dictionary<string, long> quiet;
        lock (_gate)
        {
            _anyEnabled = true;
            quiet = TakeQuiet();
        }

        foreach (var (userId, version) in quiet)
        {
            Notify(userId, version);
        }
    }

    // Under the gate: the users remembered so far, leaving none.
    private Dictionary<string, long> TakeQuiet()
    {
        var quiet = _quiet;
        _quiet = new Dictionary<string, long>(StringComparer.Ordinal);
        return quiet;
    }

    private void Notify(string userId, long version) =>
        grains.GetGrain<IWebhookDeliveryGrain>(userId).Notify(version).Ignore();

    // Under the gate: one read at a time.
    private void ReadSoon(bool delayed)
    {
        if (!_reading)
        {
            _reading = true;
            _ = Task.Run(() => ReadAsync(delayed));
        }
    }

    private async Task ReadAsync(bool delayed)
    {
        if (delayed)
        {
            await Task.Delay(RefreshPeriod);
        }

        Dictionary<string, long> before;
        lock (_gate)
        {
            before = TakeQuiet();
        }

        bool any;
        try
        {
            any = (await grains.GetGrain<IWebhookRegistryGrain>(0).List()).Any(s => s.Enabled);
        }
        catch (Exception e)
        {
            // The registry did not answer: announce, as the listener did before it kept anything.
            LogReadFailed(logger, e);
            any = true;
        }

        var announce = new List<KeyValuePair<string, long>>();
        lock (_gate)
        {
            _anyEnabled = any;
            _readAt = Environment.TickCount64;
            _reading = false;
            if (any)
            {
                announce.AddRange(before);
                announce.AddRange(TakeQuiet());
            }
            else if (_quiet.Count > 0)
            {
                ReadSoon(delayed: true);
            }
        }

        foreach (var (userId, version) in announce)
        {
            Notify(userId, version);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The webhook registry could not be read; every append is announced until it can")]
    private static partial void LogReadFailed(ILogger logger, Exception error);
}

using System.Threading.Channels;
using Companion.Domain.Events;
using Companion.Domain.State;

namespace Companion.Continuity.Rendering;

/// <summary>
/// Feeds a <see cref="TranscriptSpool"/> on its own task, so rendering and spooling the
/// transcripts runs beside the fold rather than after each event in it: on an export that was
/// a third of the single thread's work. The states are immutable, so each event travels with the
/// state after it; at most <see cref="Capacity"/> wait, which keeps the heap flat when the
/// spool falls behind.
/// </summary>
internal sealed class TranscriptPipeline
{
    private const int Capacity = 256;
    private readonly Channel<(UserEvent Event, UserState State)> _events =
        Channel.CreateBounded<(UserEvent, UserState)>(new BoundedChannelOptions(Capacity) { SingleReader = true, SingleWriter = true });

    private readonly Task _spooling;

    public TranscriptPipeline(TranscriptSpool spool, CancellationToken cancellationToken) =>
        _spooling = Task.Run(() => SpoolAsync(spool, cancellationToken), cancellationToken);

    /// <summary>Hands <paramref name="event"/> and the state after it to the spool; waits only when the spool is far behind.</summary>
    public async ValueTask PostAsync(UserEvent @event, UserState state, CancellationToken cancellationToken)
    {
        if (!_events.Writer.TryWrite((@event, state)))
        {
            try
            {
                await _events.Writer.WriteAsync((@event, state), cancellationToken);
            }
            catch (ChannelClosedException)
            {
                // The spool stopped on an error of its own, which CompleteAsync rethrows.
                await _spooling;
                throw;
            }
        }
    }

    /// <summary>Waits until every event posted is in the spool; rethrows what stopped the spool, if anything did.</summary>
    public async Task CompleteAsync()
    {
        _events.Writer.TryComplete();
        await _spooling;
    }

    /// <summary>Stops the spool after a failure elsewhere and waits for it, so nothing writes to it once it is disposed.</summary>
    public async Task AbandonAsync()
    {
        _events.Writer.TryComplete();
        try
        {
            await _spooling;
        }
        catch (Exception)
        {
            // The export already failed; that first failure is the one reported.
        }
    }

    private async Task SpoolAsync(TranscriptSpool spool, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var (@event, state) in _events.Reader.ReadAllAsync(cancellationToken))
            {
                spool.Observe(@event, state);
            }
        }
        catch (Exception e)
        {
            _events.Writer.TryComplete(e);
            throw;
        }
    }
}

using System.Collections.Concurrent;
using Companion.Domain.Events;
using Companion.EventLog;
using Companion.History;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Companion.Recall;

/// <summary>The projection's background work: catching up after appends, and embedding.</summary>
public sealed partial class RecallProjection
{
    private readonly ConcurrentQueue<Observed> _observed = new();
    private int _observedCount;
    private int _catchUpWanted;
    private int _catchUpRunning;
    private int _logWanted;

    /// <summary>
    /// Hands over events the user's grain has just made durable, <paramref name="last"/> being the
    /// envelope sealed for the last of them, and returns at once, whatever the index is doing:
    /// they are indexed in the background without reading the log again. Events that do not
    /// follow what is indexed (something was appended another way) make the next fold read the
    /// log instead; so do events handed over while <see cref="RecallOptions.ObservedQueueCapacity"/>
    /// appends already wait (the queue is bounded; the log holds them all).
    /// </summary>
    public void Observe(IReadOnlyList<UserEvent> events, EventEnvelope last)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(last);
        if (events.Count == 0)
        {
            return;
        }

        if (Interlocked.Increment(ref _observedCount) > _services.Options.ObservedQueueCapacity)
        {
            Interlocked.Decrement(ref _observedCount);
            _services.Metrics?.RecordObservedOverflow();
            CatchUpInBackground();
            return;
        }

        _observed.Enqueue(new Observed(events, last));
        Wake();
    }

    /// <summary>Appends handed over and not yet indexed.</summary>
    public int ObservedWaiting => Volatile.Read(ref _observedCount);

    /// <summary>
    /// Asks for a catch-up from the log and returns at once: runs one on the thread pool unless
    /// one is running, which then goes round again. Failures are logged (without words) and left
    /// for the next search to meet.
    /// </summary>
    public void CatchUpInBackground()
    {
        Interlocked.Exchange(ref _logWanted, 1);
        Wake();
    }

    private void Wake()
    {
        Interlocked.Exchange(ref _catchUpWanted, 1);
        if (Interlocked.CompareExchange(ref _catchUpRunning, 1, 0) == 0)
        {
            _ = Task.Run(CatchUpWhileWantedAsync);
        }
    }

    /// <summary>Indexes the observed events that follow the index; false when one leaves a gap (the log must be read).</summary>
    private async Task<bool> IndexObservedAsync(CancellationToken cancellationToken)
    {
        while (_observed.TryPeek(out var observed))
        {
            var first = observed.Last.Version - observed.Events.Count + 1;
            if (observed.Last.Version > _fold.Head.Version)
            {
                if (first != _fold.Head.Version + 1)
                {
                    return false;
                }

                for (var i = 0; i < observed.Events.Count; i++)
                {
                    await IndexAsync(observed.Events[i], first + i, cancellationToken);
                }

                _fold.Anchor(observed.Last);
            }

            _observed.TryDequeue(out _);
            Interlocked.Decrement(ref _observedCount);
        }

        return true;
    }

    private async Task CatchUpWhileWantedAsync()
    {
        try
        {
            while (Interlocked.Exchange(ref _catchUpWanted, 0) == 1 && !_stop.IsCancellationRequested)
            {
                await FoldAsync(readLog: Interlocked.Exchange(ref _logWanted, 0) == 1, CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is StreamDamagedException or ObjectDisposedException or InvalidOperationException or IOException)
        {
            _services.Logger.LogWarning("The recall index of a user stopped catching up at version {Version}: {Error}", IndexedVersion, e.GetType().Name);
        }
        finally
        {
            Interlocked.Exchange(ref _catchUpRunning, 0);
        }

        if (Volatile.Read(ref _catchUpWanted) == 1 && !_stop.IsCancellationRequested)
        {
            Wake();
        }
    }

    /// <summary>Events made durable in one append, and the envelope sealed for the last of them.</summary>
    private sealed record Observed(IReadOnlyList<UserEvent> Events, EventEnvelope Last);

    private async Task EmbedAsync()
    {
        var batch = new List<RecallDocument>(_services.Options.EmbeddingBatchSize);
        while (await _toEmbed.Reader.WaitToReadAsync(_stop.Token))
        {
            batch.Clear();
            while (batch.Count < _services.Options.EmbeddingBatchSize && _toEmbed.Reader.TryRead(out var document))
            {
                batch.Add(document);
            }

            // The model serving now, whatever it was when the items were queued: a change of model
            // that finishes meanwhile has re-embedded them already (RecallProjection.Models.cs).
            RecallModel model;
            lock (_gate)
            {
                model = _serving;
                model.TryHold();
            }

            try
            {
                if (model.Generator is { } embeddings && model.Key is { } key)
                {
                    await EmbedAsync(embeddings, key, batch);
                }
            }
            finally
            {
                model.Release();
            }

            lock (_gate)
            {
                _pending -= batch.Count;
                _lastEmbeddedVersion = batch[^1].Version;
            }
        }
    }

    private async Task EmbedAsync(IEmbeddingGenerator<string, Embedding<float>> embeddings, string model, List<RecallDocument> batch)
    {
        await _services.BackgroundEmbedding.WaitAsync(_stop.Token);
        try
        {
            var started = TimeProvider.System.GetTimestamp();
            var vectors = await embeddings.GenerateAsync(batch.Select(d => d.Text), cancellationToken: _stop.Token);
            _services.Metrics?.RecordEmbedded(batch.Count, TimeProvider.System.GetElapsedTime(started));
            lock (_gate)
            {
                // Vectors of a model no longer serving are never kept: its set is gone.
                if (_serving.Key == model)
                {
                    for (var i = 0; i < batch.Count; i++)
                    {
                        _index.SetVector(batch[i].Slot, model, vectors[i].Vector.ToArray());
                    }
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException && _stop.IsCancellationRequested)
        {
            // Stopping: the model was interrupted mid-batch (ONNX Runtime says so with its own exception).
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // These items stay findable by keyword; the count says how many lack a vector.
            _services.Logger.LogWarning("The embedding model failed on {Count} items ({Error}); they are searchable by keyword only", batch.Count, e.GetType().Name);
            _services.Metrics?.RecordEmbeddingFailures(batch.Count);
        }
        finally
        {
            _services.BackgroundEmbedding.Release();
        }
    }
}

using Companion.Domain.Projections.Recall;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Companion.Recall;

/// <summary>
/// Which model the index answers with, and moving to another. A change of configuration
/// (<see cref="RecallServices.ModelChanged"/>) makes the new model the target: every indexed item
/// is re-embedded by it in the background, through the same one-batch-at-a-time gate as other
/// embedding and never on the append path, into a vector set of its own. Until it covers every
/// item, searches embed the query with the serving model and compare it with that model's vectors
/// only; then the target serves and the old vectors are dropped at once. Turning semantic search
/// off is at once (the vectors go); turning it on embeds everything first.
/// </summary>
public sealed partial class RecallProjection
{
    private readonly Queue<int> _reembed = new();
    private RecallModel _serving;
    private RecallModel? _target;
    private int _reembedDone;
    private int _reembedTotal;
    private int _reembedRound;
    private bool _reembedRunning;
    private Task _reembedding = Task.CompletedTask;
    private bool _ended;

    private RecallReembedding? Reembedding() =>
        _target is { Name: { } name } ? new RecallReembedding(name, _reembedDone, _reembedTotal) : null;

    private void OnModelChanged()
    {
        var next = _services.HoldModel();
        var letGo = new List<RecallModel>(3);
        lock (_gate)
        {
            if (_ended || ReferenceEquals(next, _serving) || ReferenceEquals(next, _target))
            {
                letGo.Add(next);
            }
            else if (next.Key == _serving.Key)
            {
                // The same vectors by another generator (a new API key, say): nothing to re-embed.
                letGo.Add(_serving);
                _serving = next;
                StopReembedding(letGo);
            }
            else if (_target is { } target && next.Key == target.Key)
            {
                letGo.Add(target);
                _target = next;
            }
            else
            {
                StopReembedding(letGo);
                if (next.Key is null)
                {
                    // Semantic search off: keyword search only, at once.
                    _index.KeepVectorsOf(null);
                    letGo.Add(_serving);
                    _serving = next;
                }
                else
                {
                    StartReembedding(next);
                }
            }
        }

        foreach (var model in letGo)
        {
            model.Release();
        }
    }

    /// <summary>Queues every indexed item for <paramref name="target"/> (under the gate).</summary>
    private void StartReembedding(RecallModel target)
    {
        _target = target;
        _reembedRound++;
        foreach (var slot in _index.Slots())
        {
            _reembed.Enqueue(slot);
        }

        _reembedDone = 0;
        _reembedTotal = _reembed.Count;
        _services.Metrics?.AddReembedPending(_reembedTotal);
        if (!_reembedRunning)
        {
            _reembedRunning = true;
            _reembedding = Task.Run(ReembedAsync);
        }
    }

    /// <summary>Gives up a target not reached, with its vectors (under the gate).</summary>
    private void StopReembedding(List<RecallModel> letGo)
    {
        if (_target is { } target)
        {
            _index.KeepVectorsOf(_serving.Key);
            letGo.Add(target);
            _target = null;
            _services.Metrics?.AddReembedPending(-(_reembedTotal - _reembedDone));
            _reembed.Clear();
            _reembedDone = _reembedTotal = 0;
        }
    }

    /// <summary>An item just indexed is re-embedded too while a change of model is under way (under the gate).</summary>
    private void ReembedLater(RecallDocument added)
    {
        if (_target is not null)
        {
            _reembed.Enqueue(added.Slot);
            _reembedTotal++;
            _services.Metrics?.AddReembedPending(1);
        }
    }

    private void Advance(int items)
    {
        _reembedDone += items;
        _services.Metrics?.AddReembedPending(-items);
    }

    private async Task ReembedAsync()
    {
        var failedRounds = 0;
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var batch = new List<RecallDocument>(_services.Options.EmbeddingBatchSize);
                RecallModel target;
                int round;
                lock (_gate)
                {
                    if (_target is null || !TakeBatch(batch))
                    {
                        _reembedRunning = false;
                        return;
                    }

                    target = _target;
                    round = _reembedRound;
                    target.TryHold();
                }

                float[]?[] vectors;
                try
                {
                    vectors = await ReembedBatchAsync(target, batch);
                }
                finally
                {
                    target.Release();
                }

                var failed = vectors.All(v => v is null);
                lock (_gate)
                {
                    if (round != _reembedRound || _target is null)
                    {
                        continue; // another change of model started over meanwhile
                    }

                    if (failed)
                    {
                        // The model answers nothing (its endpoint is down, say): try these again
                        // later; the old model serves meanwhile.
                        batch.ForEach(d => _reembed.Enqueue(d.Slot));
                    }
                    else
                    {
                        for (var i = 0; i < batch.Count; i++)
                        {
                            if (vectors[i] is { } vector)
                            {
                                _index.SetVector(batch[i].Slot, target.Key ?? "", vector);
                            }
                        }

                        Advance(batch.Count);
                        _services.Metrics?.RecordReembedded(vectors.Count(v => v is not null));
                    }
                }

                failedRounds = failed ? failedRounds + 1 : 0;
                if (failed)
                {
                    await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, 1 << Math.Min(failedRounds, 5))), _stop.Token);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The old model serves on; the next change of model starts over.
            _services.Logger.LogWarning("A recall index stopped re-embedding its history ({Error})", e.GetType().Name);
            lock (_gate)
            {
                _reembedRunning = false;
            }
        }
    }

    /// <summary>
    /// Fills <paramref name="batch"/> with items still indexed from the queue; when none is left, the
    /// target covers the index: it serves from now on, and the old vectors go (under the gate).
    /// </summary>
    private bool TakeBatch(List<RecallDocument> batch)
    {
        var gone = 0;
        while (batch.Count < _services.Options.EmbeddingBatchSize && _reembed.TryDequeue(out var slot))
        {
            if (_index.Document(slot) is { } document)
            {
                batch.Add(document);
            }
            else
            {
                gone++; // forgotten meanwhile: nothing to embed
            }
        }

        Advance(gone);
        if (batch.Count > 0 || _target is not { } target)
        {
            return batch.Count > 0;
        }

        _index.KeepVectorsOf(target.Key);
        var replaced = _serving;
        _serving = target;
        _target = null;
        _reembedDone = _reembedTotal = 0;
        _services.Logger.LogDebug("A recall index now answers with {Model}", target);
        // Held by this projection and by the caller of the last batch at most: never disposed under the gate by a search.
        _ = Task.Run(replaced.Release);
        return false;
    }

    /// <summary>The batch's vectors by <paramref name="target"/>; one at a time when the batch fails, null for an item the model refuses.</summary>
    private async Task<float[]?[]> ReembedBatchAsync(RecallModel target, List<RecallDocument> batch)
    {
        var vectors = new float[]?[batch.Count];
        if (target.Generator is not { } embeddings)
        {
            return vectors;
        }

        await _services.BackgroundEmbedding.WaitAsync(_stop.Token);
        try
        {
            var started = TimeProvider.System.GetTimestamp();
            try
            {
                var generated = await embeddings.GenerateAsync(batch.Select(d => d.Text), cancellationToken: _stop.Token);
                for (var i = 0; i < batch.Count; i++)
                {
                    vectors[i] = generated[i].Vector.ToArray();
                }
            }
            catch (Exception e) when (e is not OperationCanceledException && !_stop.IsCancellationRequested)
            {
                _services.Logger.LogWarning("The new embedding model {Model} failed on {Count} items ({Error}); trying them one by one", target, batch.Count, e.GetType().Name);
                for (var i = 0; i < batch.Count; i++)
                {
                    vectors[i] = await EmbedOneAsync(embeddings, batch[i].Text);
                }

                var refused = vectors.Count(v => v is null);
                if (refused < batch.Count)
                {
                    // Items the model refuses alone stay findable by keyword, as on the append path.
                    _services.Metrics?.RecordEmbeddingFailures(refused);
                }
            }

            _services.Metrics?.RecordEmbedded(vectors.Count(v => v is not null), TimeProvider.System.GetElapsedTime(started));
            return vectors;
        }
        finally
        {
            _services.BackgroundEmbedding.Release();
        }
    }

    private async Task<float[]?> EmbedOneAsync(IEmbeddingGenerator<string, Embedding<float>> embeddings, string text)
    {
        try
        {
            var generated = await embeddings.GenerateAsync([text], cancellationToken: _stop.Token);
            return generated[0].Vector.ToArray();
        }
        catch (Exception e) when (e is not OperationCanceledException && !_stop.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>Waits for the re-embedding to stop and lets go of the models (after <see cref="_stop"/> is cancelled).</summary>
    private async Task EndModelsAsync()
    {
        Task reembedding;
        lock (_gate)
        {
            _ended = true;
            reembedding = _reembedding;
        }

        await reembedding;
        var letGo = new List<RecallModel>(2);
        lock (_gate)
        {
            StopReembedding(letGo);
            letGo.Add(_serving);
        }

        foreach (var model in letGo)
        {
            model.Release();
        }
    }
}

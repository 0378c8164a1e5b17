using System.Collections.Immutable;
using System.Threading.Channels;
using Companion.Domain.Events;
using Companion.Domain.Projections.Recall;
using Companion.Domain.State;
using Companion.EventLog;
using Companion.EventLog.Encryption;
using Companion.History;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Companion.Recall;

/// <summary>
/// One user's recall index as a derived projection of their log: it reads the log through the
/// one <see cref="StreamFold"/> (check link, decrypt, upcast; the state it leaves to the grain)
/// and indexes each event, or takes the events the grain has just made durable
/// (<see cref="Observe"/>) without reading them back. It lives in the memory of the user's grain activation only, is built on the first
/// search (never at activation), is caught up after appends in the background (never on the
/// append path: the grain hands the events over and returns), and ends with the activation; nothing of it is stored, so erasing the user's log
/// and key leaves nothing of it anywhere. Embedding runs behind a bounded queue; a change of the
/// configured model re-embeds the index in the background while the old model's vectors keep
/// answering (<c>RecallProjection.Models.cs</c>). Background work: <c>RecallProjection.Background.cs</c>.
/// </summary>
public sealed partial class RecallProjection : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly RecallIndex _index = new();
    private readonly SemaphoreSlim _folding = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<RecallDocument> _toEmbed;
    private readonly StreamFold _fold;
    private readonly string _stream;
    private readonly IEventReader _log;
    private readonly PayloadCipher? _cipher;
    private readonly RecallServices _services;
    private readonly Task _embedding;
    private long _indexedVersion;
    private long _lastEmbeddedVersion;
    private int _pending;

    /// <summary>Starts an empty projection of <paramref name="stream"/>; it owns <paramref name="cipher"/> and disposes it.</summary>
    public RecallProjection(string stream, IEventReader log, EventTypeRegistry registry, PayloadCipher? cipher, RecallServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        _stream = stream;
        _log = log;
        _cipher = cipher;
        _services = services;
        _fold = new StreamFold(registry, cipher);
        _serving = services.HoldModel();
        _toEmbed = Channel.CreateBounded<RecallDocument>(new BoundedChannelOptions(services.Options.EmbeddingQueueCapacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _embedding = Task.Run(EmbedAsync);
        services.ModelChanged += OnModelChanged;
        if (!ReferenceEquals(services.Model, _serving))
        {
            OnModelChanged(); // changed before this projection listened
        }
    }

    /// <summary>The log version the keyword index includes.</summary>
    public long IndexedVersion => Interlocked.Read(ref _indexedVersion);

    /// <summary>
    /// Folds in what the log holds beyond <see cref="IndexedVersion"/>, after the events handed
    /// over by <see cref="Observe"/>. One fold at a time; the items it adds go to the embedding
    /// queue (waiting while it is full: back-pressure on this fold, never on appends).
    /// </summary>
    /// <exception cref="StreamDamagedException">The log cannot be folded from where the index stands.</exception>
    public Task CatchUpAsync(CancellationToken cancellationToken = default) => FoldAsync(readLog: true, cancellationToken);

    private async Task FoldAsync(bool readLog, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
        await _folding.WaitAsync(linked.Token);
        try
        {
            // Events the grain made durable come first, without a second read and decryption of
            // what it has just written; the log is read when asked, or when they leave a gap.
            if (!await IndexObservedAsync(linked.Token) || readLog)
            {
                await foreach (var envelope in _log.ReadAsync(_stream, _fold.Head.Version + 1, linked.Token))
                {
                    await IndexAsync(_fold.Next(envelope), envelope.Version, linked.Token);
                }

                await IndexObservedAsync(linked.Token);
            }
        }
        finally
        {
            _folding.Release();
        }
    }

    private async Task IndexAsync(UserEvent? @event, long version, CancellationToken cancellationToken)
    {
        RecallDocument? added = null;
        var queue = false;
        lock (_gate)
        {
            if (version <= _indexedVersion)
            {
                return; // indexed already, before a fold was interrupted between its events
            }

            if (@event is not null)
            {
                added = _index.Apply(@event, version);
            }

            if (added is not null)
            {
                queue = _serving.Key is not null;
                _pending += queue ? 1 : 0;
                ReembedLater(added);
            }

            Interlocked.Exchange(ref _indexedVersion, version);
        }

        if (queue && added is not null)
        {
            await _toEmbed.Writer.WriteAsync(added, cancellationToken);
        }
    }

    /// <summary>
    /// Searches what is indexed now, showing only what <paramref name="state"/> lets the context
    /// show (<see cref="RecallVisibility"/>), and says how far the index is behind <paramref name="headVersion"/>.
    /// </summary>
    public async Task<RecallResults> SearchAsync(RecallQuery query, UserState state, long headVersion, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(query);
        RecallModel model;
        lock (_gate)
        {
            model = _serving;
            ObjectDisposedException.ThrowIf(!model.TryHold(), this);
        }

        try
        {
            return await SearchAsync(query, state, headVersion, now, model);
        }
        finally
        {
            model.Release();
        }
    }

    private async Task<RecallResults> SearchAsync(RecallQuery query, UserState state, long headVersion, DateTimeOffset now, RecallModel model)
    {
        var (vector, skipped) = await EmbedQueryAsync(model, query.Text);
        bool Accept(RecallDocument d) =>
            query.Includes(d.Kind)
            && (query.CompanionId is null || string.Equals(d.CompanionId, query.CompanionId, StringComparison.Ordinal))
            && (query.From is null || d.At >= query.From)
            && (query.To is null || d.At < query.To)
            && RecallVisibility.IsVisible(state, d.Kind, d.Id, d.CompanionId, d.Version);

        lock (_gate)
        {
            if (vector is not null && _serving.Key != model.Key)
            {
                // A change of model finished while the query was embedded: the vectors it could meet are gone.
                (vector, skipped) = (null, "the embedding model changed during this search; searched by keyword only");
            }

            if (model.Key is null && _target is { } next)
            {
                skipped = $"semantic search starts when {next} has embedded the history ({_reembedDone} of {_reembedTotal} items)";
            }

            // A query vector meets only the vectors of the model that made it (RecallIndex.Search).
            var hits = _index.Search(query.Text, vector, model.Key, Accept, query.Limit, now, _services.Options.Tuning);
            var indexed = IndexedVersion;
            _services.Metrics?.RecordSearch(Math.Max(0, headVersion - indexed), _pending);
            return new RecallResults(hits, indexed, headVersion, _pending == 0 ? indexed : _lastEmbeddedVersion, _pending, model.Name, skipped, Reembedding());
        }
    }

    /// <summary>How big the index is: items, embedded items, terms and approximate bytes.</summary>
    public RecallIndexSize Size()
    {
        lock (_gate)
        {
            return new RecallIndexSize(_index.Count, _serving.Key is { } key ? _index.EmbeddedBy(key) : 0, _index.Terms, _index.ApproximateBytes());
        }
    }

    /// <summary>Stops the background work, waits for it, lets go of the models, and disposes the key.</summary>
    public async ValueTask DisposeAsync()
    {
        _services.ModelChanged -= OnModelChanged;
        await _stop.CancelAsync();
        _toEmbed.Writer.TryComplete();
        try
        {
            await _embedding;
        }
        catch (OperationCanceledException)
        {
        }

        await EndModelsAsync();

        await _folding.WaitAsync();
        _cipher?.Dispose();
        _folding.Dispose();
        _stop.Dispose();
    }

    private async Task<(float[]? Vector, string? Skipped)> EmbedQueryAsync(RecallModel model, string text)
    {
        if (model.Generator is not { } embeddings || model.Key is null)
        {
            return (null, "semantic search is off in this deployment");
        }

        try
        {
            var generated = await embeddings.GenerateAsync([text], cancellationToken: _stop.Token);
            return (generated[0].Vector.ToArray(), null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The model refused this text; keyword search still answers, and says so.
            _services.Logger.LogWarning("The embedding model failed on a query ({Error}); searching by keyword only", e.GetType().Name);
            return (null, "the embedding model could not read this query; searched by keyword only");
        }
    }
}

/// <summary>How big a recall index is.</summary>
/// <param name="Items">Memories, messages and journal entries indexed.</param>
/// <param name="Embedded">Items with a vector.</param>
/// <param name="Terms">Distinct keyword terms.</param>
/// <param name="ApproximateBytes">Roughly the memory it holds.</param>
public sealed record RecallIndexSize(int Items, int Embedded, int Terms, long ApproximateBytes);

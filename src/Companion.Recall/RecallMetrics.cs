using System.Diagnostics.Metrics;

namespace Companion.Recall;

/// <summary>
/// Recall's measurements, on the <c>Companion</c> meter: how far indexes are behind the log when
/// searched, how many items wait for a vector, how fast the model embeds, and how far a change of
/// model has re-embedded the live indexes. Figures only.
/// </summary>
public sealed class RecallMetrics : IDisposable
{
    private static readonly long[] LagBuckets = [0, 1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 5000, 25000];

    private readonly Meter _meter;
    private readonly Histogram<long> _indexLag;
    private readonly Histogram<long> _embeddingsPending;
    private readonly Counter<long> _embedded;
    private readonly Counter<long> _embeddingFailures;
    private readonly Histogram<double> _embeddingDuration;
    private readonly Counter<long> _observedOverflows;
    private readonly UpDownCounter<long> _reembedPending;
    private readonly Counter<long> _reembedded;
    private readonly Counter<long> _modelChanges;

    /// <summary>Creates the instruments on a meter from the host's factory.</summary>
    public RecallMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(new MeterOptions("Companion"));
        _indexLag = _meter.CreateHistogram("companion.recall.index_lag", "{event}", "Events the recall index was behind the log when searched.",
            advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = LagBuckets });
        _embeddingsPending = _meter.CreateHistogram("companion.recall.embeddings_pending", "{item}", "Items waiting for a vector when searched.",
            advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = LagBuckets });
        _embedded = _meter.CreateCounter<long>("companion.recall.embedded", "{item}", "Items embedded for semantic recall.");
        _embeddingFailures = _meter.CreateCounter<long>("companion.recall.embedding_failures", "{item}", "Items the model failed to embed (searchable by keyword only).");
        _embeddingDuration = _meter.CreateHistogram<double>("companion.recall.embedding.duration", "s", "How long one batch of embeddings took.");
        _observedOverflows = _meter.CreateCounter<long>("companion.recall.observed_overflows", "{append}",
            "Appends not handed to an index because its queue was full; the index reads them back from the log.");
        _reembedPending = _meter.CreateUpDownCounter<long>("companion.recall.reembed_pending", "{item}",
            "Items live recall indexes have still to re-embed under a newly configured model; 0 when no change of model is under way.");
        _reembedded = _meter.CreateCounter<long>("companion.recall.reembedded", "{item}", "Items re-embedded under a newly configured model.");
        _modelChanges = _meter.CreateCounter<long>("companion.recall.model_changes", "{change}",
            "Changes of the embedding model's configuration, by outcome: applied, or refused (the model stays).");
    }

    /// <summary>Records a search's lag behind the log and behind the embedder.</summary>
    public void RecordSearch(long eventsBehind, long embeddingsPending)
    {
        _indexLag.Record(eventsBehind);
        _embeddingsPending.Record(embeddingsPending);
    }

    /// <summary>Records a batch embedded.</summary>
    public void RecordEmbedded(int items, TimeSpan took)
    {
        _embedded.Add(items);
        _embeddingDuration.Record(took.TotalSeconds);
    }

    /// <summary>Records an append an index's full queue did not take (it will be read back from the log).</summary>
    public void RecordObservedOverflow() => _observedOverflows.Add(1);

    /// <summary>Records items the model failed on.</summary>
    public void RecordEmbeddingFailures(int items) => _embeddingFailures.Add(items);

    /// <summary>Records items added to (positive) or taken from (negative) what live indexes have to re-embed.</summary>
    public void AddReembedPending(long items)
    {
        if (items != 0)
        {
            _reembedPending.Add(items);
        }
    }

    /// <summary>Records items re-embedded under a new model.</summary>
    public void RecordReembedded(int items) => _reembedded.Add(items);

    /// <summary>Records a change of the embedding model's configuration, applied or refused.</summary>
    public void RecordModelChange(bool applied) =>
        _modelChanges.Add(1, new KeyValuePair<string, object?>("outcome", applied ? "applied" : "refused"));

    /// <inheritdoc/>
    public void Dispose() => _meter.Dispose();
}

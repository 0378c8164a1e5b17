using Companion.Domain.Events;
using Companion.Testing.Recall;

namespace Companion.Recall.Tests;

/// <summary>
/// The labelled set embedded once by the real local model, with a crowd of
/// <see cref="CrowdSize"/> generated messages (<see cref="LabelledRecallSet.Crowd"/>), for the
/// quality tests to index alone or among the crowd.
/// </summary>
public sealed class LabelledRecallFixture : IAsyncLifetime
{
    /// <summary>Crowd messages mixed in: a long history's look-alikes, at a size the test can embed in a minute.</summary>
    public const int CrowdSize = 5_000;

    private static readonly DateTimeOffset Now = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<string, float[]> _vectors = new(StringComparer.Ordinal);

    public MiniLmEmbeddingGenerator Model { get; } = new();

    public IReadOnlyList<string> Crowd { get; } = LabelledRecallSet.Crowd(CrowdSize);

    public async Task InitializeAsync()
    {
        var texts = LabelledRecallSet.Memories.Select(m => m.Text)
            .Concat(LabelledRecallSet.Messages.Select(m => m.Text))
            .Concat(LabelledRecallSet.Distractors())
            .Concat(Crowd)
            .Concat(LabelledRecallSet.Queries.Select(q => q.Query))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        foreach (var batch in texts.Chunk(32))
        {
            var embeddings = await Model.GenerateAsync(batch);
            for (var i = 0; i < batch.Length; i++)
            {
                _vectors[batch[i]] = embeddings[i].Vector.ToArray();
            }
        }
    }

    public Task DisposeAsync()
    {
        Model.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>The vector the model gave <paramref name="text"/>.</summary>
    public float[] Vector(string text) => _vectors[text];

    /// <summary>
    /// The labelled memories among the person's everyday messages, as in a real history, and
    /// with <paramref name="crowd"/> the crowd too, its messages spread over the same three months.
    /// </summary>
    public RecallIndex Index(bool crowd)
    {
        var index = new RecallIndex();
        var version = 0L;
        var memories = LabelledRecallSet.Memories;
        for (var i = 0; i < memories.Count; i++)
        {
            Add(index, new MemoryRecorded("c1", memories[i].Id, memories[i].Text, "fact", 0.5, false, null, Now.AddDays(-i)), ++version, memories[i].Text);
        }

        var messages = LabelledRecallSet.Messages.Select(m => m.Text).Concat(LabelledRecallSet.Distractors()).ToList();
        for (var i = 0; i < messages.Count; i++)
        {
            var id = i < LabelledRecallSet.Messages.Count ? LabelledRecallSet.Messages[i].Id : $"msg{i}";
            Add(index, new MessageRecorded("c1", "s1", id, MessageRole.User, messages[i], null, null, Now.AddHours(-i)), ++version, messages[i]);
        }

        for (var i = 0; crowd && i < Crowd.Count; i++)
        {
            var at = Now.AddMinutes(-(i * 97L % (90 * 24 * 60)));
            Add(index, new MessageRecorded("c1", "s1", $"crowd{i}", MessageRole.User, Crowd[i], null, null, at), ++version, Crowd[i]);
        }

        return index;
    }

    private void Add(RecallIndex index, UserEvent recorded, long version, string text) =>
        index.SetVector((index.Apply(recorded, version) ?? throw new InvalidOperationException("not indexed")).Slot, MiniLmEmbeddingGenerator.ModelId, _vectors[text]);
}

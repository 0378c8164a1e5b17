using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using Companion.Domain.State;
using Companion.EventLog;
using Companion.History;

namespace Companion.Golden.Tests;

/// <summary>
/// What a golden log must replay to, stored beside it as <c>generation-N.expected.json</c>.
/// The event count and head hash name the log itself and never change. The state hash depends
/// on the shape of <see cref="UserState"/> as well as on the events, so it is recorded per state
/// schema (<see cref="UserState.SchemaVersion"/>): when the state shape changes, the schema is
/// bumped and the new hash is added beside the old ones after checking the summary still holds.
/// The summary counts what the log says, independent of the state's shape.
/// </summary>
public sealed record GoldenExpectation(
    int Generation,
    string Stream,
    long Events,
    string HeadHash,
    ImmutableSortedDictionary<int, string> StateHashes,
    GoldenSummary Summary)
{
    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static GoldenExpectation Of(int generation, string stream, StreamHead head, UserState state) => new(
        generation, stream, head.Version, head.Hash,
        ImmutableSortedDictionary<int, string>.Empty.Add(UserState.SchemaVersion, UserStateJson.Hash(state)),
        GoldenSummary.Of(state));

    public static GoldenExpectation Read(string path) =>
        JsonSerializer.Deserialize<GoldenExpectation>(File.ReadAllBytes(path), JsonOptions)
            ?? throw new FormatException($"{path} is empty.");

    public byte[] ToJson() => [.. JsonSerializer.SerializeToUtf8Bytes(this, JsonOptions), (byte)'\n'];
}

/// <summary>Counts a replayed state must show, whatever its shape.</summary>
public sealed record GoldenSummary(
    int Companions,
    long Messages,
    int Memories,
    int ForgottenMemories,
    int OpenSessions,
    int JournalEntries,
    int ResetsInForce,
    ImmutableSortedSet<string> LastKnownModels)
{
    public static GoldenSummary Of(UserState state) => new(
        state.Companions.Count,
        state.Companions.Values.Sum(c => c.MessageCount),
        state.Companions.Values.Sum(c => c.Memories.Count),
        state.Companions.Values.Sum(c => c.Memories.Values.Count(m => m.IsForgotten)),
        state.Companions.Values.Sum(c => c.OpenSessions.Count),
        state.Journal.Count,
        state.Companions.Values.Sum(c => c.ActiveResets.Count),
        [.. state.Companions.Values.Select(c => c.Runtime is { } r ? $"{c.Id}: {r.Model} {r.Runtime} {r.RuntimeVersion}".TrimEnd() : $"{c.Id}: unknown")]);

    /// <summary>The summary as the expected file writes it, for readable comparisons.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, GoldenExpectation.JsonOptions);
}

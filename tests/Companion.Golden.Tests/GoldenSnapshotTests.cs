using Companion.Domain.State;
using Companion.History;

namespace Companion.Golden.Tests;

/// <summary>
/// The state every golden log replays to survives the log's snapshot form (binary) and the
/// archive's (JSON) unchanged, down to its hash, and keeps the state's own key order.
/// </summary>
public sealed class GoldenSnapshotTests
{
    public static TheoryData<int> Generations => [.. GoldenFiles.Generations];

    [Theory]
    [MemberData(nameof(Generations))]
    public void A_replayed_golden_state_reads_back_from_its_binary_snapshot_and_its_JSON_to_the_same_hash(int generation)
    {
        using var cipher = GoldenFiles.Cipher(generation);
        var (state, _) = GoldenReplay.Run(GoldenFiles.Envelopes(generation), cipher);
        var hash = UserStateJson.Hash(state);

        var binary = UserStateBinary.Serialize(state);
        var fromBinary = UserStateBinary.Deserialize(binary);
        var fromJson = UserStateJson.Deserialize(UserStateJson.Serialize(state));

        Assert.True(UserStateBinary.IsBinary(binary));
        Assert.Equal(hash, UserStateJson.Hash(fromBinary));
        Assert.Equal(hash, UserStateJson.Hash(fromJson));
        Assert.True(binary.Length < UserStateJson.Serialize(state).Length, "the binary form should be smaller than the JSON");
        Assert.All([state, fromBinary, fromJson], OrderedByTheStateComparer);
    }

    [Fact]
    public void A_binary_snapshot_that_is_cut_short_or_unmarked_is_refused_as_a_format_error()
    {
        using var cipher = GoldenFiles.Cipher(GoldenFiles.Generations.Max());
        var (state, _) = GoldenReplay.Run(GoldenFiles.Envelopes(GoldenFiles.Generations.Max()), cipher);
        var binary = UserStateBinary.Serialize(state);

        Assert.Throws<FormatException>(() => UserStateBinary.Deserialize(binary.AsMemory(0, binary.Length / 2)));
        Assert.Throws<FormatException>(() => UserStateBinary.Deserialize(binary.AsMemory(4)));
    }

    private static void OrderedByTheStateComparer(UserState state)
    {
        Assert.IsType<StateKeyComparer>(state.Companions.KeyComparer);
        Assert.IsType<StateKeyComparer>(state.Requests.Outcomes.KeyComparer);
        Assert.All(state.Companions.Values, c =>
        {
            Assert.IsType<StateKeyComparer>(c.Memories.KeyComparer);
            Assert.IsType<StateKeyComparer>(c.OpenSessions.KeyComparer);
        });
        Assert.NotEmpty(state.Companions);
        Assert.Contains(state.Companions.Values, c => !c.Memories.IsEmpty);
    }
}

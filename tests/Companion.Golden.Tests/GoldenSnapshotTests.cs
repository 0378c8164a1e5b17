using Companion.Domain.State;
using Companion.History;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

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

    [Theory]
    [MemberData(nameof(Generations))]
    public void A_binary_snapshot_holds_the_bytes_of_Orleans_own_codecs_and_reads_what_they_wrote(int generation)
    {
        using var cipher = GoldenFiles.Cipher(generation);
        var (state, _) = GoldenReplay.Run(GoldenFiles.Envelopes(generation), cipher);
        var stock = new ServiceCollection()
            .AddSerializer(builder => builder.AddAssembly(typeof(UserState).Assembly))
            .BuildServiceProvider()
            .GetRequiredService<Serializer<UserState>>();
        byte[] writtenByStock = [.. "CGS1"u8, .. stock.SerializeToArray(state)];

        var binary = UserStateBinary.Serialize(state);
        var fromStock = UserStateBinary.Deserialize(writtenByStock);
        var readByStock = stock.Deserialize(binary.AsMemory(4));

        Assert.Equal(writtenByStock, binary);
        Assert.Equal(UserStateJson.Hash(state), UserStateJson.Hash(fromStock));
        Assert.NotNull(readByStock);
        Assert.Equal(UserStateJson.Hash(state), UserStateJson.Hash(readByStock));
        OrderedByTheStateComparer(fromStock);
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

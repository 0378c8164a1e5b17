using Companion.Domain.State;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Serialization.Codecs;
using Orleans.Serialization.Configuration;
using Orleans.Serialization.Serializers;

namespace Companion.History;

/// <summary>
/// The stored form of <see cref="UserState"/> in the log's snapshots: a four-byte mark, then the
/// state in Orleans' binary serialization (the codecs its <c>[Id]</c> attributes already give it
/// for grain calls, version tolerant by field id). Loading a snapshot is most of a cold
/// activation, and this reads a large state several times faster than its JSON, in under half
/// the bytes. The JSON (<see cref="UserStateJson"/>) stays the state's form everywhere else: the
/// archive, the API and the state hash. A snapshot is derived data: one that does not read is
/// ignored and the log is replayed instead.
/// </summary>
public static class UserStateBinary
{
    private static readonly byte[] Mark = "CGS1"u8.ToArray();

    // A serializer of its own, so every reader of the log (the grain, an export, a test) reads
    // snapshots the same way without a silo's services. Its sorted dictionaries are read by a codec
    // that builds them from their stored order (the same bytes as Orleans' codec writes).
    private static readonly Lazy<IServiceProvider> Services = new(() =>
        new ServiceCollection()
            .AddSerializer(builder => builder.AddAssembly(typeof(UserState).Assembly))
            .Configure<TypeManifestOptions>(manifest =>
            {
                manifest.Serializers.Remove(typeof(ImmutableSortedDictionaryCodec<,>));
                manifest.Serializers.Add(typeof(SortedDictionaryCodec<,>));
            })
            .BuildServiceProvider());

    private static readonly Lazy<Serializer<UserState>> Serializer = new(() => Services.Value.GetRequiredService<Serializer<UserState>>());

    /// <summary>True when <paramref name="stored"/> starts with this form's mark.</summary>
    public static bool IsBinary(ReadOnlySpan<byte> stored) => stored.StartsWith(Mark);

    /// <summary>The state as snapshot bytes.</summary>
    public static byte[] Serialize(UserState state)
    {
        var body = Serializer.Value.SerializeToArray(state);
        var stored = new byte[Mark.Length + body.Length];
        Mark.CopyTo(stored, 0);
        body.CopyTo(stored, Mark.Length);
        return stored;
    }

    /// <summary>Reads snapshot bytes written by <see cref="Serialize"/>.</summary>
    /// <exception cref="FormatException">The bytes are not this form, or do not read as a state.</exception>
    public static UserState Deserialize(ReadOnlyMemory<byte> stored)
    {
        if (!IsBinary(stored.Span))
        {
            throw new FormatException("The snapshot state does not start with the binary state mark.");
        }

        try
        {
            return Serializer.Value.Deserialize(stored[Mark.Length..]) ?? throw new FormatException("The snapshot state is null.");
        }
        catch (Exception e) when (e is not FormatException and not OutOfMemoryException)
        {
            throw new FormatException($"The snapshot state does not read as a state ({e.GetType().Name}: {e.Message})", e);
        }
    }

    /// <summary>The codec this form reads and writes a <typeparamref name="T"/> with.</summary>
    internal static IFieldCodec<T> CodecOf<T>() => Services.Value.GetRequiredService<ICodecProvider>().GetCodec<T>();
}

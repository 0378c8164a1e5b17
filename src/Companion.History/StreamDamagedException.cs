namespace Companion.History;

/// <summary>
/// A stored envelope that cannot follow the history before it: its link in the hash chain is
/// broken, its payload does not decrypt or cannot be read, or its event cannot be applied. Names
/// the stream and the first damaged version, so an operator knows what to restore.
/// </summary>
[GenerateSerializer, Alias("companion.stream-damaged")]
public sealed class StreamDamagedException : Exception
{
    /// <summary>A damaged <paramref name="version"/> of <paramref name="stream"/>; <paramref name="reason"/> says what is wrong with it.</summary>
    public StreamDamagedException(string stream, long version, string reason)
        : base($"The stored history of '{stream}' is damaged at version {version}: {reason}")
    {
        Stream = stream;
        Version = version;
        Reason = reason;
    }

    /// <summary>The stream (a user id).</summary>
    [Id(0)]
    public string Stream { get; private set; }

    /// <summary>The first version that cannot be read.</summary>
    [Id(1)]
    public long Version { get; private set; }

    /// <summary>What is wrong with it, as a sentence that names the version.</summary>
    [Id(2)]
    public string Reason { get; private set; }
}

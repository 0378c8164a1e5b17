namespace Companion.Domain.State;

/// <summary>
/// The companion's current picture, by reference: its bytes stay in the log event at
/// <see cref="Version"/>, so the state (and every snapshot) stays small however large the image.
/// </summary>
[Immutable, GenerateSerializer, Alias("companion.avatar-state")]
public sealed record AvatarState(
    [property: Id(0)] string MediaType,
    [property: Id(1)] string Sha256,
    [property: Id(2)] int Length,
    [property: Id(3)] string Source,
    [property: Id(4)] long Version,
    [property: Id(5)] DateTimeOffset SetAt);

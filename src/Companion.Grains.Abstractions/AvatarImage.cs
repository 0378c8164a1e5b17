namespace Companion.Grains;

/// <summary>A companion's picture as stored.</summary>
/// <param name="MediaType">image/png, image/jpeg, image/webp or image/gif.</param>
/// <param name="Bytes">The image.</param>
/// <param name="Sha256">Lowercase hex SHA-256 of the bytes.</param>
/// <param name="Version">The log version of the event that set it.</param>
[Immutable, GenerateSerializer, Alias("companion.avatar-image")]
public sealed record AvatarImage(
    [property: Id(0)] string MediaType,
    [property: Id(1)] byte[] Bytes,
    [property: Id(2)] string Sha256,
    [property: Id(3)] long Version);

/// <summary>The image a character card came with, to keep as the new companion's picture.</summary>
/// <param name="Bytes">The image.</param>
/// <param name="Source">Where in the card it was found (<c>card-png</c>, <c>charx</c>).</param>
[Immutable, GenerateSerializer, Alias("companion.card-image")]
public sealed record CardImage(
    [property: Id(0)] byte[] Bytes,
    [property: Id(1)] string Source);

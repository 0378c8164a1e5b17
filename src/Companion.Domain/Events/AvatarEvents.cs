namespace Companion.Domain.Events;

/// <summary>
/// The companion's picture: the image a card came with (a PNG card's own image, a CHARX's icon
/// asset) or one the person uploaded. The bytes are the person's data like every word, so they
/// live in the encrypted log and are erased with it; the state keeps only their digest.
/// </summary>
/// <param name="CompanionId">The companion.</param>
/// <param name="MediaType">image/png, image/jpeg, image/webp or image/gif, from the bytes' signature.</param>
/// <param name="Image">The image's bytes in base64.</param>
/// <param name="Sha256">The SHA-256 of the bytes, lowercase hex: the same image again writes nothing.</param>
/// <param name="Source">Where it came from: <see cref="AvatarSources"/>.</param>
/// <param name="OccurredAt">When it was set.</param>
[EventType("companion-avatar-set", 1), Immutable, GenerateSerializer, Alias("companion.companion-avatar-set.v1")]
public sealed record CompanionAvatarSet(
    [property: Id(0)] string CompanionId,
    [property: Id(1)] string MediaType,
    [property: Id(2)] string Image,
    [property: Id(3)] string Sha256,
    [property: Id(4)] string Source,
    [property: Id(5)] DateTimeOffset OccurredAt) : UserEvent;

/// <summary>The companion's picture taken away; the earlier ones stay in the log.</summary>
[EventType("companion-avatar-removed", 1), Immutable, GenerateSerializer, Alias("companion.companion-avatar-removed.v1")]
public sealed record CompanionAvatarRemoved(
    [property: Id(0)] string CompanionId,
    [property: Id(1)] DateTimeOffset OccurredAt) : UserEvent;

/// <summary>Where an avatar came from.</summary>
public static class AvatarSources
{
    /// <summary>The image of a PNG character card.</summary>
    public const string CardPng = "card-png";

    /// <summary>The icon asset of a CHARX character card.</summary>
    public const string Charx = "charx";

    /// <summary>Uploaded on its own (<c>PUT …/avatar</c>).</summary>
    public const string Upload = "upload";
}

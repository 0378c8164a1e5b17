using Companion.Domain.Events;
using Companion.Domain.State;

namespace Companion.Domain.Commands;

/// <summary>Setting and removing a companion's picture.</summary>
public static class AvatarDecisions
{
    /// <summary>
    /// The picture set, or null when the companion already has exactly these bytes (nothing to write).
    /// Refused: no such companion, no bytes, more than <see cref="Limits.AvatarBytes"/>, or bytes that
    /// are not a PNG, JPEG, WebP or GIF image.
    /// </summary>
    public static CompanionAvatarSet? Set(UserState state, string companionId, ReadOnlySpan<byte> image, string source, DateTimeOffset now)
    {
        var companion = UserDecisions.RequireCompanion(state, companionId);
        var (mediaType, digest) = Check(image);
        return companion.Avatar?.Sha256 == digest
            ? null
            : new CompanionAvatarSet(companionId, mediaType, Convert.ToBase64String(image), digest, source, now);
    }

    /// <summary>The picture of a companion created in the same append (from a card), checked like any other.</summary>
    public static CompanionAvatarSet New(string companionId, ReadOnlySpan<byte> image, string source, DateTimeOffset now)
    {
        var (mediaType, digest) = Check(image);
        return new CompanionAvatarSet(companionId, mediaType, Convert.ToBase64String(image), digest, source, now);
    }

    /// <summary>The picture removed, or null when the companion has none.</summary>
    public static CompanionAvatarRemoved? Remove(UserState state, string companionId, DateTimeOffset now) =>
        UserDecisions.RequireCompanion(state, companionId).Avatar is null ? null : new CompanionAvatarRemoved(companionId, now);

    /// <summary>The media type and digest of an acceptable picture; <see cref="DomainException"/> (invalid) otherwise.</summary>
    public static (string MediaType, string Sha256) Check(ReadOnlySpan<byte> image)
    {
        if (image.IsEmpty)
        {
            throw DomainException.Invalid("The picture is empty: send the image's bytes.");
        }

        if (image.Length > Limits.AvatarBytes)
        {
            throw DomainException.Invalid($"The picture is {image.Length:#,0} bytes; a companion's picture may be at most {Limits.AvatarBytes:#,0} bytes. Send a smaller image.");
        }

        var mediaType = AvatarImages.Detect(image)
            ?? throw DomainException.Invalid($"The picture is not a PNG, JPEG, WebP or GIF image (its first bytes are {Convert.ToHexString(image[..Math.Min(8, image.Length)])}).");
        return (mediaType, AvatarImages.Digest(image));
    }
}

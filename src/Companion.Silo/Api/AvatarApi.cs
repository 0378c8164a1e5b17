using Companion.Domain.Commands;
using Companion.Silo.Api.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Companion.Silo.Api;

/// <summary>
/// A companion's picture: read, set (PNG, JPEG, WebP or GIF, told by its bytes) and removed, each
/// change an event in the user's log. A card's image becomes the picture when the card comes in.
/// </summary>
public static class AvatarApi
{
    /// <summary>A picture set or removed.</summary>
    /// <param name="CompanionId">The companion.</param>
    /// <param name="Version">The log version of the change (or of the head, when nothing changed).</param>
    /// <param name="Duplicate">True when nothing was written: the same picture again, or none to remove.</param>
    public sealed record AvatarChanged(string CompanionId, long Version, bool Duplicate);

    internal static RouteGroupBuilder MapAvatarApi(this RouteGroupBuilder companions)
    {
        companions.MapGet("/{companionId}/avatar", Get)
            .WithName("getCompanionAvatar")
            .WithMetadata(new BinaryResponse(StatusCodes.Status200OK, string.Join(", ", AvatarImages.MediaTypes), "The picture, as image/png, image/jpeg, image/webp or image/gif; its ETag is its SHA-256."))
            .ProducesProblems(StatusCodes.Status404NotFound)
            .WithSummary("The companion's picture; 404 when it has none.");
        companions.MapPut("/{companionId}/avatar", Set)
            .WithName("setCompanionAvatar")
            .AcceptsBinary("application/octet-stream", "The image's bytes: PNG, JPEG, WebP or GIF (told by its signature, whatever the Content-Type), at most 1 MiB.")
            .WithBodyLimit(Limits.AvatarBytes + 1)
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge)
            .WithSummary("Set the companion's picture (an event in the log; the same bytes again write nothing). A PNG picture draws the companion's PNG card.");
        companions.MapDelete("/{companionId}/avatar", Remove)
            .WithName("removeCompanionAvatar")
            .WithSummary("Take the companion's picture away (an event; the earlier pictures stay in the log). With none, nothing is written.");
        return companions;
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Get(string userId, string companionId, IGrainFactory grains) =>
        await CompanionsApi.User(grains, userId).GetAvatar(companionId) is { } picture
            ? TypedResults.File(picture.Bytes, picture.MediaType, entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{picture.Sha256}\""))
            : Problems.Result(StatusCodes.Status404NotFound, $"The companion '{companionId}' has no picture. PUT …/avatar with an image sets one.", "No picture");

    private static async Task<Results<Ok<AvatarChanged>, ProblemHttpResult>> Set(string userId, string companionId, HttpRequest request, IGrainFactory grains, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length > Limits.AvatarBytes)
        {
            return Problems.Result(StatusCodes.Status413PayloadTooLarge, $"The picture is larger than {Limits.AvatarBytes:#,0} bytes: send a smaller image.", "Picture too large");
        }

        var result = await CompanionsApi.User(grains, userId).SetAvatar(companionId, buffer.ToArray(), Domain.Events.AvatarSources.Upload);
        return TypedResults.Ok(new AvatarChanged(companionId, result.Version, result.Duplicate));
    }

    private static async Task<Ok<AvatarChanged>> Remove(string userId, string companionId, IGrainFactory grains)
    {
        var result = await CompanionsApi.User(grains, userId).RemoveAvatar(companionId);
        return TypedResults.Ok(new AvatarChanged(companionId, result.Version, result.Duplicate));
    }
}

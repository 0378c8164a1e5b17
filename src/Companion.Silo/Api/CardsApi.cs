using Companion.Continuity.Cards;
using Companion.Domain.Commands;
using Companion.Grains;
using Companion.Silo.Api.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Companion.Silo.Api;

/// <summary>Companions in and out as Character Cards: JSON (V1, V2, V3), PNG and CHARX.</summary>
public static class CardsApi
{
    /// <summary>
    /// The largest card JSON accepted: a whole card at <see cref="Limits.PersonaCard"/>, every
    /// character escaped to six bytes (<c>\u00E9</c>), plus our own extension. A card this
    /// service exported always fits, whatever the global body limit.
    /// </summary>
    public const long MaxCardBytes = (6L * Limits.PersonaCard) + (64 * 1024);

    /// <summary>The largest PNG or CHARX card accepted (images and assets make them larger than their JSON).</summary>
    public const long MaxCardFileBytes = 16L * 1024 * 1024;

    /// <summary>A companion created from a card, with what the card held that could not be kept.</summary>
    public sealed record CardCompanionCreatedResponse(string CompanionId, long Version, bool Duplicate, IReadOnlyList<string> Warnings);

    internal static RouteGroupBuilder MapCardsApi(this RouteGroupBuilder companions)
    {
        companions.MapPost("/from-card", CreateFromCard)
            .AcceptsCharacterCard()
            .WithName("createCompanionFromCard")
            .ProducesProblems(ProblemResponses.JsonBody)
            .ProducesProblems(StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType)
            .WithBodyLimit(Math.Max(MaxCardBytes, MaxCardFileBytes))
            .WithSummary("Create a companion from a Character Card: V1, V2 or V3 JSON, a PNG card (tEXt 'chara'/'ccv3') or a CHARX zip, sent as the body or as the one file of a multipart/form-data upload; every field is kept, and the card's image becomes the companion's picture.");
        companions.MapGet("/{companionId}/card", GetCard)
            .WithName("getCompanionCard")
            .ProducesCard()
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound)
            .WithSummary("The companion as a Character Card: format v3 (default), v2, png (both 'chara' and 'ccv3' chunks, drawn as the companion's picture when it is a PNG, else a plain generated image) or charx (with the picture as its icon asset).");
        return companions;
    }

    private static async Task<Results<Created<CardCompanionCreatedResponse>, Ok<CardCompanionCreatedResponse>, ProblemHttpResult>> CreateFromCard(
        string userId, HttpRequest request, string? requestId, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var mediaType = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        var upload = mediaType == "multipart/form-data"
            ? await CardUpload.ReadAsync(request, MaxCardFileBytes, cancellationToken)
            : await CardUpload.ReadBodyAsync(request, mediaType, MaxCardBytes, MaxCardFileBytes, cancellationToken);
        if (upload.Problem is { } refused)
        {
            return refused;
        }

        var (kind, body) = (upload.Media, upload.Body);
        CardReading reading;
        try
        {
            reading = CardFile.Read(body, kind);
        }
        catch (CardFormatException e)
        {
            return Problems.Result(e.TooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest, e.Message, "Invalid card");
        }

        var picture = reading.Picture is { } image ? new CardImage(image.Bytes, image.Source) : null;
        var result = await CompanionsApi.User(grains, userId).CreateCompanion(reading.Name, reading.Persona, requestId, reading.Lorebook, picture);
        var response = new CardCompanionCreatedResponse(result.Id, result.Version, result.Duplicate, [.. upload.Warnings, .. reading.Warnings]);
        return result.Duplicate ? TypedResults.Ok(response) : TypedResults.Created($"/v1/users/{userId}/companions/{result.Id}/card", response);
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetCard(
        string userId, string companionId, string? format, IGrainFactory grains)
    {
        format = (format ?? "v3").ToLowerInvariant();
        if (format is not ("v2" or "v3" or "png" or "charx"))
        {
            return Problems.Result(StatusCodes.Status400BadRequest, $"'format' is '{format}': use v3 (the default), v2, png or charx.");
        }

        var user = CompanionsApi.User(grains, userId);
        var state = await user.GetState();
        if (!state.Companions.TryGetValue(companionId, out var companion))
        {
            return Problems.Result(StatusCodes.Status404NotFound, $"There is no companion '{companionId}' for this user.", "Companion not found");
        }

        var picture = format is "png" or "charx" && companion.Avatar is not null ? await user.GetAvatar(companionId) : null;
        var name = string.Concat(companion.Name.Where(char.IsAsciiLetterOrDigit)) is { Length: > 0 } safe ? safe : companionId;
        return format switch
        {
            "v2" => TypedResults.File(CharacterCardWriter.Render(companion, CardSpec.V2), "application/json", $"{name}.v2.json"),
            "png" => TypedResults.File(
                PngCardWriter.Write(CharacterCardWriter.Render(companion, CardSpec.V2), CharacterCardWriter.Render(companion, CardSpec.V3), companion.Id, picture?.Bytes),
                "image/png", $"{name}.png"),
            "charx" => TypedResults.File(
                CharxWriter.Write(CharacterCardWriter.Render(companion, CardSpec.V3), picture?.Bytes, picture?.MediaType), "application/zip", $"{name}.charx"),
            _ => TypedResults.File(CharacterCardWriter.Render(companion, CardSpec.V3), "application/json", $"{name}.json"),
        };
    }
}

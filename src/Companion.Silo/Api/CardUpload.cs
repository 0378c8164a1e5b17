using System.Collections.Immutable;
using Companion.Continuity.Cards;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Companion.Silo.Api;

/// <summary>
/// A card file as it arrived: the body itself (its form named by Content-Type) or the one file of
/// a <c>multipart/form-data</c> upload (its form told by its bytes, as browsers often send
/// <c>application/octet-stream</c>). Read into memory within a limit, never spooled in the clear.
/// </summary>
internal sealed record CardUpload(CardMedia Media, byte[] Body, ImmutableArray<string> Warnings, ProblemHttpResult? Problem)
{
    private static CardUpload Refused(int status, string detail, string title) =>
        new(CardMedia.Json, [], [], Problems.Result(status, detail, title));

    /// <summary>The body of a request whose Content-Type names the card's form.</summary>
    public static async Task<CardUpload> ReadBodyAsync(HttpRequest request, string? mediaType, long jsonLimit, long fileLimit, CancellationToken cancellationToken)
    {
        CardMedia? media = mediaType switch
        {
            "application/json" or "text/json" => CardMedia.Json,
            "image/png" => CardMedia.Png,
            "application/zip" or "application/x-zip-compressed" or "application/x-charx" => CardMedia.Charx,
            _ => null,
        };
        if (media is not { } kind)
        {
            return Refused(StatusCodes.Status415UnsupportedMediaType,
                $"The body's Content-Type is '{mediaType ?? "(none)"}': send a card as application/json, image/png or application/zip (CHARX), or as the one file of a multipart/form-data upload.",
                "Unsupported card media type");
        }

        var limit = kind == CardMedia.Json ? jsonLimit : fileLimit;
        return request.ContentLength > limit || await ReadBoundedAsync(request.Body, limit, cancellationToken) is not { } body
            ? Refused(StatusCodes.Status413PayloadTooLarge, $"The {kind} card is larger than the limit of {limit} bytes for that form.", "Card too large")
            : new CardUpload(kind, body, [], null);
    }

    /// <summary>The one file part of a multipart/form-data upload; other fields are named in the warnings.</summary>
    public static async Task<CardUpload> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 } boundary)
        {
            return Refused(StatusCodes.Status400BadRequest, "The multipart/form-data body names no boundary in its Content-Type.", "Invalid upload");
        }

        var reader = new MultipartReader(boundary, request.Body) { BodyLengthLimit = limit };
        byte[]? file = null;
        string? fileName = null;
        var warnings = ImmutableArray.CreateBuilder<string>();
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                {
                    return Refused(StatusCodes.Status400BadRequest, "A part of the upload has no 'Content-Disposition: form-data' header.", "Invalid upload");
                }

                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                if (!disposition.IsFileDisposition())
                {
                    await section.Body.CopyToAsync(Stream.Null, cancellationToken);
                    warnings.Add($"The form field '{name}' was not read: only the card file is. Send requestId as a query parameter.");
                    continue;
                }

                if (file is not null)
                {
                    return Refused(StatusCodes.Status400BadRequest,
                        $"The upload holds more than one file ('{fileName}' and '{HeaderUtilities.RemoveQuotes(disposition.FileName).Value}'): send one card per request.", "Invalid upload");
                }

                fileName = HeaderUtilities.RemoveQuotes(disposition.FileName).Value ?? name;
                file = await ReadBoundedAsync(section.Body, limit, cancellationToken);
                if (file is null)
                {
                    return Refused(StatusCodes.Status413PayloadTooLarge, $"The card file '{fileName}' is larger than the limit of {limit} bytes.", "Card too large");
                }
            }
        }
        catch (InvalidDataException e)
        {
            return e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase)
                ? Refused(StatusCodes.Status413PayloadTooLarge, $"The upload is larger than the limit of {limit} bytes.", "Card too large")
                : Refused(StatusCodes.Status400BadRequest, $"The multipart/form-data body cannot be read: {e.Message}", "Invalid upload");
        }

        if (file is null)
        {
            return Refused(StatusCodes.Status400BadRequest, "The upload holds no file: send the card as a form-data part with a filename.", "Invalid upload");
        }

        return Detect(file) is { } media
            ? new CardUpload(media, file, warnings.ToImmutable(), null)
            : Refused(StatusCodes.Status415UnsupportedMediaType,
                $"The file '{fileName}' is not a card: it is not a PNG, not a zip (CHARX) and not a JSON object.", "Unsupported card media type");
    }

    // The form a card file is in, from its first bytes.
    private static CardMedia? Detect(ReadOnlySpan<byte> file)
    {
        if (file.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G']))
        {
            return CardMedia.Png;
        }

        if (file.StartsWith("PK\u0003\u0004"u8))
        {
            return CardMedia.Charx;
        }

        var text = file.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? file[3..] : file;
        var start = text.IndexOfAnyExcept(" \t\r\n"u8);
        return start >= 0 && text[start] == (byte)'{' ? CardMedia.Json : null;
    }

    private static async Task<byte[]?> ReadBoundedAsync(Stream body, long limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81_920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}

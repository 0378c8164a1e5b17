using System.Text.Json;
using Companion.Domain.Commands;
using Companion.Domain.Events;

namespace Companion.Continuity.Cards;

/// <summary>The forms a card file comes in.</summary>
public enum CardMedia
{
    /// <summary>The card's JSON object.</summary>
    Json,

    /// <summary>A PNG with the card in <c>tEXt</c> chunks.</summary>
    Png,

    /// <summary>A CHARX zip with <c>card.json</c>.</summary>
    Charx,
}

/// <summary>Reads a card from a file of any <see cref="CardMedia"/>.</summary>
public static class CardFile
{
    /// <summary>The card read, with what the file held that was not kept; <see cref="CardFormatException"/> otherwise.</summary>
    public static CardReading Read(byte[] body, CardMedia media)
    {
        var (json, warnings, picture) = media switch
        {
            CardMedia.Png => Png(body),
            CardMedia.Charx => Charx(body),
            _ => (body, [], null),
        };

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new CardFormatException($"The card is not valid JSON{(media == CardMedia.Json ? "" : $" (inside the {media})")}: {e.Message}");
        }

        using (document)
        {
            var reading = CharacterCardReader.Read(document.RootElement);
            return reading with { Warnings = [.. reading.Warnings, .. warnings], Picture = picture };
        }
    }

    private static (byte[] Json, IReadOnlyList<string> Warnings, CardPicture? Picture) Png(byte[] body)
    {
        var (json, _, warnings, image) = PngCardReader.Read(body);
        if (image.Length > Limits.AvatarBytes)
        {
            return (json, [.. warnings, $"The PNG's image is not kept as the companion's picture: it is {image.Length:#,0} bytes without the card, and a picture may be at most {Limits.AvatarBytes:#,0}. An exported PNG card then carries a plain generated image."], null);
        }

        return (json, warnings, new CardPicture(image, AvatarSources.CardPng));
    }

    private static (byte[] Json, IReadOnlyList<string> Warnings, CardPicture? Picture) Charx(byte[] body)
    {
        var (json, warnings, icon) = CharxReader.Read(body);
        return (json, warnings, icon is null ? null : new CardPicture(icon, AvatarSources.Charx));
    }
}

using System.Text.Json;

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
        var (json, warnings) = media switch
        {
            CardMedia.Png => Png(body),
            CardMedia.Charx => CharxReader.Read(body),
            _ => (body, []),
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
            return reading with { Warnings = [.. reading.Warnings, .. warnings] };
        }
    }

    private static (byte[] Json, IReadOnlyList<string> Warnings) Png(byte[] body)
    {
        var (json, _, warnings) = PngCardReader.Read(body);
        return (json, warnings);
    }
}

using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Companion.Domain.Commands;

/// <summary>
/// Input checks shared by every command; each failure says which field and why. Patterns are
/// anchored with <c>\A</c> and <c>\z</c>: a .NET <c>$</c> also matches before a final line
/// break, which let "id\n" pass for a different, lookalike "id".
/// </summary>
public static partial class Validate
{
    public static string RequiredText(string? value, string field, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw DomainException.Invalid($"'{field}' is required and must not be blank.");
        }

        return Text(value, field, maxLength);
    }

    public static string Text(string value, string field, int maxLength)
    {
        if (value.Length > maxLength)
        {
            throw DomainException.Invalid($"'{field}' is {value.Length} characters long; the limit is {maxLength}.");
        }

        foreach (var c in value)
        {
            if (char.IsControl(c) && c is not ('\n' or '\r' or '\t'))
            {
                throw DomainException.Invalid($"'{field}' contains the control character U+{(int)c:X4}; only tab and line breaks are allowed.");
            }
        }

        if (!IsWellFormedUtf16(value))
        {
            throw DomainException.Invalid($"'{field}' contains an unpaired surrogate; send valid Unicode text.");
        }

        return value;
    }

    public static string? OptionalText(string? value, string field, int maxLength) =>
        value is null ? null : Text(value, field, maxLength);

    /// <summary>A short label such as a mood or prompt kind: letters, digits, '-', '_' and spaces.</summary>
    public static string? OptionalLabel(string? value, string field)
    {
        if (value is null)
        {
            return null;
        }

        if (value.Length is 0 or > Limits.ShortLabel || !LabelPattern().IsMatch(value))
        {
            throw DomainException.Invalid($"'{field}' must be 1 to {Limits.ShortLabel} letters, digits, spaces, '-' or '_'.");
        }

        return value;
    }

    /// <summary>A client-chosen key (message id, request id): printable ASCII without spaces.</summary>
    public static string? OptionalClientKey(string? value, string field)
    {
        if (value is null)
        {
            return null;
        }

        if (value.Length is 0 or > Limits.ClientKey || !ClientKeyPattern().IsMatch(value))
        {
            throw DomainException.Invalid($"'{field}' must be 1 to {Limits.ClientKey} printable ASCII characters without spaces.");
        }

        return value;
    }

    /// <summary>
    /// A JSON object, returned in one canonical form (compact, escaping only what JSON requires)
    /// and measured in that form: the same object sent with other spacing or escapes, or
    /// re-escaped by the card export, is the same length, so what was accepted once imports back.
    /// </summary>
    public static string JsonObjectText(string value, string field, int maxLength)
    {
        string canonical;
        try
        {
            canonical = (JsonNode.Parse(value) as JsonObject ?? throw DomainException.Invalid($"'{field}' must be a JSON object.")).ToJsonString(CanonicalJson);
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            throw DomainException.Invalid($"'{field}' must be a JSON object with each name once.");
        }

        return Text(canonical, field, maxLength);
    }

    public static double Salience(double? value)
    {
        var salience = value ?? 0.5;
        if (double.IsNaN(salience) || salience is < 0 or > 1)
        {
            throw DomainException.Invalid("'salience' must be a number from 0 to 1.");
        }

        return salience;
    }

    private static bool IsWellFormedUtf16(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]))
            {
                if (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]))
                {
                    return false;
                }

                i++;
            }
            else if (char.IsLowSurrogate(value[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static readonly JsonSerializerOptions CanonicalJson = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    [GeneratedRegex(@"\A[\p{L}\p{N} _-]+\z")]
    private static partial Regex LabelPattern();

    [GeneratedRegex(@"\A[\x21-\x7E]+\z")]
    private static partial Regex ClientKeyPattern();
}

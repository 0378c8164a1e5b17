using System.Text.Json;
using System.Text.Json.Nodes;
using Companion.Domain.Commands;
using Companion.Domain.Events;

namespace Companion.Continuity.Chats;

/// <summary>Reading one line of a chat file: a JSON object, its typed fields, and what is left of it.</summary>
internal sealed class ChatLine(long number, JsonObject fields)
{
    private static readonly JsonSerializerOptions Canonical = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public long Number => number;

    public JsonObject Fields => fields;

    public static ChatLine Parse(long number, byte[] bytes)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(bytes, documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            throw Broken(number, $"is not JSON ({e.Message})");
        }

        return node is JsonObject fields
            ? new ChatLine(number, fields)
            : throw Broken(number, "is not a JSON object; every line of a chat file is one object");
    }

    public static ChatFormatException Broken(long number, string what) =>
        new($"Line {number} {what}. Fix or remove that line and send the file again; nothing was written.");

    public bool Has(string name) => fields.ContainsKey(name);

    /// <summary>A string field, removed from the line's remaining fields; null when absent or null.</summary>
    public string? TakeString(string name, bool required = false)
    {
        var value = Take(name);
        return value switch
        {
            null when !required => null,
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            _ => throw Broken(number, required && value is null ? $"has no '{name}'" : $"has a '{name}' that is not a string"),
        };
    }

    public bool TakeBool(string name) => Take(name) switch
    {
        null => false,
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
        _ => throw Broken(number, $"has a '{name}' that is not true or false"),
    };

    public int? TakeInt(string name) => Take(name) switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var i) => i,
        _ => throw Broken(number, $"has a '{name}' that is not a whole number"),
    };

    public System.Collections.Immutable.ImmutableArray<string>? TakeStrings(string name) => Take(name) switch
    {
        null => null,
        JsonArray a when a.All(x => x is JsonValue v && v.GetValueKind() == JsonValueKind.String) => [.. a.Select(x => x!.GetValue<string>())],
        _ => throw Broken(number, $"has a '{name}' that is not a list of strings"),
    };

    /// <summary>What is left of the line once its typed fields were taken, as compact JSON; null when nothing is.</summary>
    public string? Rest() => fields.Count == 0 ? null : fields.ToJsonString(Canonical);

    /// <summary>A producer named by the line, when its model id is one this service keeps; a warning otherwise.</summary>
    public ModelRuntime? Producer(string? model, string? runtime, List<string> warnings)
    {
        if (model is null)
        {
            return null;
        }

        try
        {
            return new ModelRuntime(Validate.OptionalClientKey(model, "model") ?? model, runtime is null ? null : Validate.OptionalClientKey(runtime, "runtime"), null);
        }
        catch (DomainException)
        {
            warnings.Add($"Line {number}: the model '{Shorten(model)}' (api '{Shorten(runtime ?? "")}') is not a model id this service keeps as the message's producer; it is kept only as the line's field.");
            return null;
        }
    }

    private JsonNode? Take(string name)
    {
        if (!fields.Remove(name, out var value))
        {
            return null;
        }

        return value;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}

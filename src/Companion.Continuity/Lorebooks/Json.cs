using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Companion.Continuity.Lorebooks;

/// <summary>Typed reads of a lorebook's JSON fields; a field of the wrong type is refused with its path.</summary>
internal static class Json
{
    public static string? String(JsonObject o, string name, string at) =>
        o[name] switch
        {
            null => null,
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            _ => throw Wrong(at, name, "a string"),
        };

    public static bool? Bool(JsonObject o, string name, string at) =>
        o[name] switch
        {
            null => null,
            JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
            _ => throw Wrong(at, name, "true or false"),
        };

    public static double? Number(JsonObject o, string name, string at) =>
        o[name] switch
        {
            null => null,
            JsonValue v when v.GetValueKind() == JsonValueKind.Number && double.IsFinite(v.GetValue<double>()) => v.GetValue<double>(),
            _ => throw Wrong(at, name, "a number"),
        };

    public static int? Int(JsonObject o, string name, string at) =>
        Number(o, name, at) switch
        {
            null => null,
            var n when n == Math.Floor(n.Value) && n is >= int.MinValue and <= int.MaxValue => (int)n.Value,
            _ => throw Wrong(at, name, "a whole number"),
        };

    public static ImmutableArray<string> Strings(JsonObject o, string name, string at) =>
        o[name] switch
        {
            null => [],
            JsonArray a when a.All(k => k is JsonValue v && v.GetValueKind() == JsonValueKind.String) => [.. a.Select(k => k!.GetValue<string>())],
            _ => throw Wrong(at, name, "an array of strings"),
        };

    public static string? ObjectText(JsonObject o, string name, string at) =>
        o[name] switch
        {
            null => null,
            JsonObject value => value.ToJsonString(),
            _ => throw Wrong(at, name, "a JSON object"),
        };

    /// <summary>Every field not in <paramref name="known"/>, as a JSON object's text; null when there are none.</summary>
    public static string? Rest(JsonObject o, IReadOnlySet<string> known)
    {
        var rest = new JsonObject();
        foreach (var (key, value) in o)
        {
            if (!known.Contains(key))
            {
                rest[key] = value?.DeepClone();
            }
        }

        return rest.Count == 0 ? null : rest.ToJsonString();
    }

    private static LorebookFormatException Wrong(string at, string name, string what) => new($"'{at}.{name}' must be {what}.");
}

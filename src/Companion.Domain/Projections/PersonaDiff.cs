using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Companion.Domain.Events;

namespace Companion.Domain.Projections;

/// <summary>
/// One field that differs between two personas.
/// </summary>
/// <param name="Field">The field: <c>description</c>, …, <c>tags</c>, or <c>extensions.&lt;key&gt;</c> for each key of the extensions object.</param>
/// <param name="Change"><c>added</c> (empty or absent before), <c>removed</c> (empty or absent after) or <c>changed</c>.</param>
/// <param name="Before">The value before, as JSON text; null when absent.</param>
/// <param name="After">The value after, as JSON text; null when absent.</param>
[Immutable, GenerateSerializer, Alias("companion.persona-field-change")]
public sealed record PersonaFieldChange(
    [property: Id(0)] string Field,
    [property: Id(1)] string Change,
    [property: Id(2)] string? Before,
    [property: Id(3)] string? After);

/// <summary>
/// Field-by-field differences between two personas, in the order of a Character Card's fields,
/// extensions key by key (in key order) as JSON. The card a persona came from is not compared:
/// its fields are the ones compared here, and it is served whole elsewhere.
/// </summary>
public static class PersonaDiff
{
    public const string Added = "added";
    public const string Removed = "removed";
    public const string Changed = "changed";

    public static ImmutableArray<PersonaFieldChange> Between(Persona before, Persona after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var changes = ImmutableArray.CreateBuilder<PersonaFieldChange>();
        foreach (var ((field, was), (_, now)) in before.TextFields().Zip(after.TextFields()))
        {
            if (was != now)
            {
                changes.Add(new PersonaFieldChange(field, Kind(was.Length == 0, now.Length == 0), Json(was), Json(now)));
            }
        }

        if (!before.Tags.SequenceEqual(after.Tags))
        {
            changes.Add(new PersonaFieldChange("tags", Kind(before.Tags.IsEmpty, after.Tags.IsEmpty), Json(before.Tags), Json(after.Tags)));
        }

        var extensionsBefore = Members(before.Extensions);
        var extensionsAfter = Members(after.Extensions);
        foreach (var key in extensionsBefore.Keys.Union(extensionsAfter.Keys).Order(StringComparer.Ordinal))
        {
            var was = extensionsBefore.GetValueOrDefault(key);
            var now = extensionsAfter.GetValueOrDefault(key);
            if (was != now)
            {
                changes.Add(new PersonaFieldChange($"extensions.{key}", Kind(was is null, now is null), was, now));
            }
        }

        return changes.ToImmutable();
    }

    /// <summary>The names of the fields that differ, for a one-line account of a revision.</summary>
    public static ImmutableArray<string> FieldsBetween(Persona before, Persona after) =>
        [.. Between(before, after).Select(c => c.Field)];

    private static string Kind(bool wasAbsent, bool isAbsent) => (wasAbsent, isAbsent) switch
    {
        (true, false) => Added,
        (false, true) => Removed,
        _ => Changed,
    };

    private static string Json(string value) => JsonValue.Create(value).ToJsonString();

    private static string Json(ImmutableArray<string> tags) => new JsonArray([.. tags.Select(t => (JsonNode)JsonValue.Create(t))]).ToJsonString();

    /// <summary>Each member of an extensions object as compact JSON text, so equal values compare equal.</summary>
    private static Dictionary<string, string> Members(string? extensions)
    {
        if (extensions is null || JsonNode.Parse(extensions) is not JsonObject members)
        {
            return [];
        }

        return members.ToDictionary(m => m.Key, m => m.Value?.ToJsonString() ?? "null", StringComparer.Ordinal);
    }
}

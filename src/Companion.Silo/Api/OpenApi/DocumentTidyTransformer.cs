using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Companion.Silo.Api.OpenApi;

/// <summary>
/// The last pass over the document: what the generator writes that OpenAPI 3.0 readers refuse
/// or that leaves a reader guessing. A nullable reference comes out as
/// <c>oneOf: [{nullable: true}, {$ref}]</c>, which 3.0 forbids (nullable without a type); it
/// becomes the plain <c>$ref</c>, and the property leaves <c>required</c>, which is how "may be
/// null" reads to generators of languages with non-null types. 3.0 has no nullable reference that both linters and
/// generators accept (<c>{type: object, nullable: true, allOf: [$ref]}</c> makes NSwag derive a
/// new class), and the System.Text.Json clients generated from it read a null there anyway. An
/// enum is a value type in generated C#, so a nullable enum reference (a recall hit's
/// <c>role</c>, null for a memory) is written inline instead: <c>{type: string, nullable: true,
/// enum: [..., null]}</c>, which NSwag reads as a nullable enum and openapi-typescript as a
/// union with <c>null</c>. A <c>JsonElement</c> is any JSON value. The server URL loses its trailing slash (paths start with one), and every tag says what it groups.
/// </summary>
public sealed class DocumentTidyTransformer : IOpenApiDocumentTransformer
{
    private const string AnyJson = "JsonElement";

    private static readonly Dictionary<string, string> TagDescriptions = new()
    {
        ["UsersApi"] = "Creating users (admin) and issuing their tokens.",
        ["ImportsApi"] = "Restoring a continuity archive into an empty stream (admin).",
        ["CompanionsApi"] = "Companions, their personas, sessions and messages, and the memory context for the model.",
        ["CardsApi"] = "Companions in and out as Character Cards (V1, V2, V3 JSON, PNG, CHARX), every field kept.",
        ["HistoriesApi"] = "Chat histories in and out: a SillyTavern .jsonl or generic JSONL imported as one session, transcripts as Markdown or SillyTavern chats.",
        ["LorebookApi"] = "A companion's lorebook: import a book (character_book, lorebook_v3, World Info), set, disable or remove entries.",
        ["AvatarApi"] = "A companion's picture: read, set (PNG, JPEG, WebP or GIF) and removed, each change an event; a card's image becomes it.",
        ["MemoriesApi"] = "What a companion remembers: record, pin, forget.",
        ["ResetsApi"] = "Soft resets of a companion's memory, and undoing them; nothing is deleted.",
        ["PersonaHistoryApi"] = "A companion's persona over time (history, differences, restore) and what changed about it.",
        ["JournalApi"] = "The user's journal.",
        ["SearchApi"] = "Search over the user's memories, whole message history and journal, by keyword and meaning, with provenance.",
        ["ReflectionApi"] = "The daily check-in (a durable reminder), the opt-in rhythm view (the user's eyes only) and a companion's pinned model.",
        ["TokensApi"] = "A user's access tokens: another one, or revoking every earlier one.",
        ["ErasureApi"] = "Erasure: the user's key destroyed, then every event removed.",
        ["LogApi"] = "The raw log with its hashes, and the state derived from it.",
        ["ExportApi"] = "The continuity archive of a user.",
        ["EventStreamApi"] = "The user's own events live, as Server-Sent Events, resumable with Last-Event-ID.",
        ["Webhooks"] = "The operator's webhooks (Standard Webhooks, at least once, ordered per user), dead letters and replay (admin).",
        ["PracticesApi"] = "The journaling practices and moods entries are written with.",
        ["LookbackApi"] = "Looking back over the journal by week or month, for the user's own eyes.",
        ["Operators"] = "The operators' login and the companion panel's figures (admin); never words.",
        ["Service"] = "Liveness, readiness and metrics.",
    };

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var server in document.Servers ?? Enumerable.Empty<OpenApiServer>())
        {
            server.Url = server.Url?.TrimEnd('/');
        }

        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
        {
            if (tag.Name is { } name && TagDescriptions.TryGetValue(name, out var description))
            {
                tag.Description ??= description;
            }
        }

        var enums = (document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>())
            .Where(pair => pair.Value is OpenApiSchema { Enum.Count: > 0 })
            .ToDictionary(pair => pair.Key, pair => (OpenApiSchema)pair.Value);
        if (document.Components?.Schemas is { } schemas)
        {
            // JsonElement is "any JSON" (an event payload): inline {} so generators read it as any value, not as a class of that name.
            schemas.Remove(AnyJson);
            foreach (var name in schemas.Keys.ToList())
            {
                schemas[name] = Tidy(schemas[name], enums);
            }
        }

        foreach (var operation in (document.Paths?.Values ?? Enumerable.Empty<IOpenApiPathItem>()).SelectMany(path => path.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>()))
        {
            foreach (var media in operation.RequestBody?.Content?.Values ?? Enumerable.Empty<OpenApiMediaType>())
            {
                if (media.Schema is { } schema)
                {
                    // An optional body is said by requestBody.required: false; its schema is the type itself.
                    media.Schema = Tidy(schema, enums);
                }
            }

            foreach (var media in (operation.Responses?.Values ?? Enumerable.Empty<IOpenApiResponse>()).SelectMany(response => response.Content?.Values ?? Enumerable.Empty<OpenApiMediaType>()))
            {
                if (media.Schema is { } schema)
                {
                    media.Schema = Tidy(schema, enums);
                }
            }
        }

        return Task.CompletedTask;
    }

    private static IOpenApiSchema Tidy(IOpenApiSchema schema, IReadOnlyDictionary<string, OpenApiSchema> enums)
    {
        if (schema is OpenApiSchemaReference { Reference.Id: AnyJson })
        {
            return new OpenApiSchema { Description = "Any JSON value." };
        }

        if (schema is not OpenApiSchema concrete)
        {
            return schema; // a reference: its target is tidied among the components
        }

        if (NonNullMember(concrete) is { } value)
        {
            if (value is OpenApiSchemaReference { Reference.Id: { } id } && enums.TryGetValue(id, out var enumeration))
            {
                return NullableEnum(enumeration);
            }

            return Tidy(value, enums);
        }

        if (concrete.Properties is { } properties)
        {
            foreach (var key in properties.Keys.ToList())
            {
                if (IsNullableObjectReference(properties[key], enums))
                {
                    // Written as the plain $ref below, so "may be null" is said the one way every
                    // generator reads in 3.0: not required (an optional field is a nullable one).
                    concrete.Required?.Remove(key);
                }

                properties[key] = Tidy(properties[key], enums);
            }
        }

        if (concrete.Items is { } items)
        {
            concrete.Items = Tidy(items, enums);
        }

        if (concrete.AdditionalProperties is { } additional)
        {
            concrete.AdditionalProperties = Tidy(additional, enums);
        }

        return concrete;
    }

    private static OpenApiSchema NullableEnum(OpenApiSchema enumeration) => new()
    {
        Type = JsonSchemaType.String | JsonSchemaType.Null,
        Description = enumeration.Description,
        Enum = [.. enumeration.Enum!.Select(value => value!.DeepClone()), null!],
    };

    private static bool IsNullableObjectReference(IOpenApiSchema schema, IReadOnlyDictionary<string, OpenApiSchema> enums) =>
        NonNullMember(schema) is OpenApiSchemaReference { Reference.Id: { } id } && !enums.ContainsKey(id) && id != AnyJson;

    /// <summary>The other member of a generated <c>oneOf: [null, X]</c>; null for any other schema.</summary>
    private static IOpenApiSchema? NonNullMember(IOpenApiSchema schema) =>
        schema is OpenApiSchema { OneOf: [var first, var second] } && (IsNull(first) || IsNull(second))
            ? (IsNull(first) ? second : first)
            : null;

    private static bool IsNull(IOpenApiSchema schema) => schema is OpenApiSchema { Type: JsonSchemaType.Null };
}

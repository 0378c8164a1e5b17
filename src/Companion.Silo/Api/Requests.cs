using System.Collections.Immutable;
using System.Text.Json;
using Companion.Domain.Commands;
using Companion.Domain.Events;

namespace Companion.Silo.Api;

// The JSON bodies the API accepts. Fields are nullable so a missing field reaches the domain's
// validation and gets a message naming it, rather than a generic binding error. A parameter
// with a default is optional in the OpenAPI document; one without is required there.

public sealed record CreateUserRequest(string? DisplayName);

public sealed record CreateCompanionRequest(string? Name, PersonaBody? Persona, string? RequestId = null);

public sealed record PersonaBody(
    string? Description = null,
    string? Personality = null,
    string? Scenario = null,
    string? FirstMessage = null,
    string? ExampleMessages = null,
    string? SystemPrompt = null,
    string? CreatorNotes = null,
    ImmutableArray<string>? Tags = null,
    JsonElement? Extensions = null,
    string? Reason = null)
{
    public Persona ToPersona() => ToChanges().ApplyTo(Persona.Empty);

    public PersonaChanges ToChanges() => new(
        Description, Personality, Scenario, FirstMessage, ExampleMessages, SystemPrompt, CreatorNotes, Tags, ExtensionsText());

    private string? ExtensionsText() => Extensions switch
    {
        null or { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
        { ValueKind: JsonValueKind.Object } e => e.GetRawText(),
        { } e => throw DomainException.Invalid($"'extensions' must be a JSON object (or left out), not {e.ValueKind.ToString().ToLowerInvariant()}."),
    };
}

public sealed record StartSessionRequest(string? RequestId = null);

public sealed record MessageRequest(string? Role, string? Text, string? MessageId = null, string? ModelId = null, string? Runtime = null, string? RuntimeVersion = null)
{
    /// <summary>The producer of the message: <c>modelId</c> with the optional runtime and its version.</summary>
    public ModelRuntime? ToProducer() => ModelId is not null
        ? new ModelRuntime(ModelId, Runtime, RuntimeVersion)
        : Runtime is null && RuntimeVersion is null
            ? null
            : throw DomainException.Invalid("'runtime' and 'runtimeVersion' describe the producing model: send 'modelId' with them.");

    public MessageRole ParseRole() => Role switch
    {
        "user" => MessageRole.User,
        "companion" => MessageRole.Companion,
        "system" => MessageRole.System,
        null => throw DomainException.Invalid("'role' is required: 'user', 'companion' or 'system'."),
        _ => throw DomainException.Invalid($"'role' must be 'user', 'companion' or 'system', not '{Role}'."),
    };
}

public sealed record ResetRequest(string? Reason = null, string? RequestId = null);

public sealed record UndoResetRequest(string? RequestId = null);

/// <summary>Which persona to put back: at a stream version or as of a time (exactly one), and why.</summary>
public sealed record PersonaRestoreRequest(long? AtVersion = null, DateTimeOffset? AsOf = null, string? Reason = null, string? RequestId = null);

/// <summary>A memory to record; optionally when its fact held in the world and which memory it supersedes.</summary>
public sealed record MemoryRequest(
    string? Text, string? Kind = null, double? Salience = null, bool? Pinned = null, string? RequestId = null,
    string? Supersedes = null, DateTimeOffset? ValidFrom = null, DateTimeOffset? ValidTo = null);

public sealed record PinRequest(bool? Pinned);

/// <summary>That a memory's fact stopped holding: when (world time; now when left out), why, and the client's key for retries.</summary>
public sealed record EndMemoryRequest(DateTimeOffset? ValidTo = null, string? Reason = null, string? RequestId = null);

/// <summary>A journal entry; <c>practice</c> (from <c>GET /v1/practices</c>) with that practice's <c>fields</c>.</summary>
public sealed record JournalRequest(
    string? Text, string? Prompt = null, string? Mood = null, string? RequestId = null, string? Practice = null, PracticeFields? Fields = null);

using System.Text.Json;

namespace Companion.Client;

/// <summary>A companion to create.</summary>
/// <param name="Name">Its name (1–100 characters).</param>
/// <param name="Persona">Its persona; every field optional.</param>
/// <param name="RequestId">A client key: sending it again creates nothing more and answers with the first result.</param>
public sealed record NewCompanion(string Name, PersonaFields? Persona = null, string? RequestId = null);

/// <summary>Persona fields (Character Card V2 names) to set; a null field is left as it is.</summary>
/// <param name="Description">Who the companion is.</param>
/// <param name="Personality">Its temperament in a few words.</param>
/// <param name="Scenario">The setting of its conversations.</param>
/// <param name="FirstMessage">How it opens a conversation.</param>
/// <param name="ExampleMessages">Examples of how it speaks.</param>
/// <param name="SystemPrompt">Instructions for the model.</param>
/// <param name="CreatorNotes">Notes from whoever wrote the persona.</param>
/// <param name="Tags">Labels (at most 50).</param>
/// <param name="Extensions">A JSON object of extensions, kept as it is.</param>
public sealed record PersonaFields(
    string? Description = null,
    string? Personality = null,
    string? Scenario = null,
    string? FirstMessage = null,
    string? ExampleMessages = null,
    string? SystemPrompt = null,
    string? CreatorNotes = null,
    IReadOnlyList<string>? Tags = null,
    JsonElement? Extensions = null);

/// <summary>A companion created (or, for a repeated request id, the one created first).</summary>
/// <param name="CompanionId">The companion's id.</param>
/// <param name="Version">The log version of its creation.</param>
/// <param name="Duplicate">True when the request id had been used: nothing new was written.</param>
public sealed record CompanionCreated(string CompanionId, long Version, bool Duplicate);

/// <summary>A session started.</summary>
/// <param name="SessionId">The session's id.</param>
/// <param name="Version">The log version of its start.</param>
/// <param name="Duplicate">True when the request id had been used: nothing new was written.</param>
public sealed record SessionStarted(string SessionId, long Version, bool Duplicate);

/// <summary>Who is speaking in a message.</summary>
public enum MessageRole
{
    /// <summary>The person.</summary>
    User = 1,

    /// <summary>The companion (its model).</summary>
    Companion = 2,

    /// <summary>Neither: a narrator or the software (an imported chat's system lines).</summary>
    System = 3,
}

/// <summary>A message to record in a session.</summary>
/// <param name="Role">Who speaks.</param>
/// <param name="Text">What was said (at most 32,000 characters).</param>
/// <param name="MessageId">A client key: sending it again records nothing more and answers with the first result.</param>
/// <param name="ModelId">The model that produced a companion message; stored as the message's producer.</param>
/// <param name="Runtime">The runtime that ran the model (with <paramref name="ModelId"/>).</param>
/// <param name="RuntimeVersion">The runtime's version (with <paramref name="ModelId"/>).</param>
public sealed record NewMessage(
    MessageRole Role,
    string Text,
    string? MessageId = null,
    string? ModelId = null,
    string? Runtime = null,
    string? RuntimeVersion = null);

/// <summary>A message recorded (or, for a repeated message id, the one recorded first).</summary>
/// <param name="MessageId">The message's id.</param>
/// <param name="Version">The log version of the message.</param>
/// <param name="Duplicate">True when the message id had been used: nothing new was written.</param>
/// <param name="ProducerMismatch">Set when the message came from another model than the companion's pinned one (it is recorded all the same).</param>
public sealed record MessageRecorded(string MessageId, long Version, bool Duplicate, ProducerMismatch? ProducerMismatch = null);

/// <summary>A companion's picture.</summary>
/// <param name="Bytes">The image.</param>
/// <param name="MediaType">image/png, image/jpeg, image/webp or image/gif.</param>
public sealed record CompanionPicture(byte[] Bytes, string MediaType);

/// <summary>A companion's picture set or removed.</summary>
/// <param name="CompanionId">The companion.</param>
/// <param name="Version">The log version of the change (or the head, when nothing changed).</param>
/// <param name="Duplicate">True when nothing was written: the same picture again, or none to remove.</param>
public sealed record AvatarChanged(string CompanionId, long Version, bool Duplicate);

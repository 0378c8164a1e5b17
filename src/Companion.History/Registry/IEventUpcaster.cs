using System.Text.Json.Nodes;

namespace Companion.History;

/// <summary>
/// Turns a stored payload of one schema version into the next. Old events are never rewritten
/// in storage; they are upcast each time they are read, so a log written by the first release
/// still loads after every later one.
/// </summary>
public interface IEventUpcaster
{
    /// <summary>The stored event name.</summary>
    string Type { get; }

    /// <summary>The version this upcaster reads; it produces <c>FromVersion + 1</c>.</summary>
    int FromVersion { get; }

    /// <summary>Returns the payload in the next version's shape.</summary>
    JsonObject Upcast(JsonObject payload);
}

/// <summary>A stored event whose name or version this software does not know. Never skipped silently.</summary>
public sealed class UnknownEventTypeException(string type, int schemaVersion)
    : Exception($"Unknown event type '{type}' schema version {schemaVersion}: this software cannot read it, and will not skip it.")
{
    /// <summary>The stored name.</summary>
    public string Type { get; } = type;

    /// <summary>The stored schema version.</summary>
    public int SchemaVersion { get; } = schemaVersion;
}

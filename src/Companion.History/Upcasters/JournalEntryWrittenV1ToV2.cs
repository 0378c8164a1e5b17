using System.Text.Json.Nodes;

namespace Companion.History.Upcasters;

/// <summary>
/// <c>journal-entry-written</c> v1 → v2: a v1 entry followed no structured practice, so its
/// <c>practice</c> and <c>fields</c> are null; its prompt, text and mood are kept as stored.
/// </summary>
public sealed class JournalEntryWrittenV1ToV2 : IEventUpcaster
{
    /// <inheritdoc />
    public string Type => "journal-entry-written";

    /// <inheritdoc />
    public int FromVersion => 1;

    /// <inheritdoc />
    public JsonObject Upcast(JsonObject payload)
    {
        payload["practice"] = null;
        payload["fields"] = null;
        return payload;
    }
}

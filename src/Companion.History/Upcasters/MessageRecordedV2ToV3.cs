using System.Text.Json.Nodes;

namespace Companion.History.Upcasters;

/// <summary>
/// <c>message-recorded</c> v2 → v3: a message recorded here has no original time, speaker name,
/// alternate replies or imported fields of its own, so each is null. Everything else is kept as stored.
/// </summary>
public sealed class MessageRecordedV2ToV3 : IEventUpcaster
{
    /// <inheritdoc />
    public string Type => "message-recorded";

    /// <inheritdoc />
    public int FromVersion => 2;

    /// <inheritdoc />
    public JsonObject Upcast(JsonObject payload)
    {
        payload["sentAt"] = null;
        payload["speakerName"] = null;
        payload["swipes"] = null;
        payload["swipeId"] = null;
        payload["sourceFields"] = null;
        return payload;
    }
}

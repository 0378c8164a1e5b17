using System.Text.Json.Nodes;

namespace Companion.History.Upcasters;

/// <summary>
/// <c>message-recorded</c> v1 → v2: the model id becomes the producer's model, with runtime and
/// runtime version unknown; no model id means no producer. Everything else is kept as stored.
/// </summary>
public sealed class MessageRecordedV1ToV2 : IEventUpcaster
{
    /// <inheritdoc />
    public string Type => "message-recorded";

    /// <inheritdoc />
    public int FromVersion => 1;

    /// <inheritdoc />
    public JsonObject Upcast(JsonObject payload)
    {
        var modelId = payload["modelId"]?.GetValue<string>();
        payload.Remove("modelId");
        payload["producer"] = modelId is null
            ? null
            : new JsonObject { ["model"] = modelId, ["runtime"] = null, ["runtimeVersion"] = null };
        return payload;
    }
}

using System.Text.Json.Nodes;

namespace Companion.History.Upcasters;

/// <summary>
/// <c>memory-recorded</c> v1 → v2: a v1 memory replaced no other and said nothing of when its
/// fact held in the world, so <c>supersedes</c>, <c>validFrom</c> and <c>validTo</c> are null.
/// Everything else is kept as stored.
/// </summary>
public sealed class MemoryRecordedV1ToV2 : IEventUpcaster
{
    /// <inheritdoc />
    public string Type => "memory-recorded";

    /// <inheritdoc />
    public int FromVersion => 1;

    /// <inheritdoc />
    public JsonObject Upcast(JsonObject payload)
    {
        payload["supersedes"] = null;
        payload["validFrom"] = null;
        payload["validTo"] = null;
        return payload;
    }
}

using System.Text.Json.Nodes;

namespace Companion.History.Upcasters;

/// <summary>
/// v1 → v2 of an event that carries a persona (<c>companion-created</c>, <c>persona-revised</c>):
/// v2 personas hold the Character Card they came from; a v1 persona came from no kept card, so
/// its <c>card</c> is null. Everything else is kept as stored.
/// </summary>
public sealed class PersonaCardUpcaster(string type) : IEventUpcaster
{
    /// <summary><c>companion-created</c> v1 → v2.</summary>
    public static PersonaCardUpcaster CompanionCreated { get; } = new("companion-created");

    /// <summary><c>persona-revised</c> v1 → v2.</summary>
    public static PersonaCardUpcaster PersonaRevised { get; } = new("persona-revised");

    /// <inheritdoc />
    public string Type => type;

    /// <inheritdoc />
    public int FromVersion => 1;

    /// <inheritdoc />
    public JsonObject Upcast(JsonObject payload)
    {
        if (payload["persona"] is JsonObject persona)
        {
            persona["card"] = null;
        }

        return payload;
    }
}

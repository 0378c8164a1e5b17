namespace Companion.Domain.Events;

/// <summary>
/// The stable name and schema version under which an event is stored. The CLR name never
/// reaches storage, so a type can be renamed or moved without touching a single stored event.
/// A changed schema gets a new version (and an upcaster from the old one), never an edit in place.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class EventTypeAttribute(string name, int version) : Attribute
{
    public string Name { get; } = name;

    public int Version { get; } = version;
}

namespace Companion.Domain.Events;

/// <summary>Who spoke a message.</summary>
public enum MessageRole
{
    User = 1,
    Companion = 2,

    /// <summary>Neither: a narrator or the software itself (SillyTavern's <c>is_system</c> messages), kept as said.</summary>
    System = 3,
}

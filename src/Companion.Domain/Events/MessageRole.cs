namespace Companion.Domain.Events;

/// <summary>Who spoke a message.</summary>
public enum MessageRole
{
    User = 1,
    Companion = 2,
}

namespace Companion.Domain.Commands;

/// <summary>What kind of refusal a command met; the HTTP layer maps it to a status code.</summary>
public enum DomainErrorKind
{
    /// <summary>The input is not acceptable as it stands (400).</summary>
    Invalid = 1,

    /// <summary>Something the command refers to does not exist (404).</summary>
    NotFound = 2,

    /// <summary>The command does not fit the current state (409).</summary>
    Conflict = 3,

    /// <summary>The user was erased at their request; nothing of theirs is kept (410).</summary>
    Gone = 4,

    /// <summary>The service cannot open the user's data right now, e.g. a master key is missing from its configuration (503).</summary>
    Unavailable = 5,
}

/// <summary>A command was refused. The message says what to fix; nothing was written.</summary>
[GenerateSerializer, Alias("companion.domain-exception")]
public sealed class DomainException : Exception
{
    public DomainException(DomainErrorKind kind, string message) : base(message) => Kind = kind;

    [Id(0)]
    public DomainErrorKind Kind { get; private set; }

    public static DomainException Invalid(string message) => new(DomainErrorKind.Invalid, message);

    public static DomainException NotFound(string message) => new(DomainErrorKind.NotFound, message);

    public static DomainException Conflict(string message) => new(DomainErrorKind.Conflict, message);

    public static DomainException Gone(string message) => new(DomainErrorKind.Gone, message);

    public static DomainException Unavailable(string message) => new(DomainErrorKind.Unavailable, message);
}

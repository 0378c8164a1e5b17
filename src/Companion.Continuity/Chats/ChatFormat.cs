namespace Companion.Continuity.Chats;

/// <summary>The chat history files read and written.</summary>
public enum ChatFormat
{
    /// <summary>SillyTavern's chat <c>.jsonl</c>: a metadata line, then one message per line.</summary>
    SillyTavern,

    /// <summary>One <c>{"role","text","sentAt","name","model"}</c> object per line.</summary>
    Generic,
}

namespace Companion.Grains;

/// <summary>
/// Told, after an append is durable, that a user's log reached a version. It must not block or
/// throw: it runs on the user grain after the command's events are stored (the silo's listener
/// sends a one-way notice to the user's webhook delivery).
/// </summary>
public interface IAppendListener
{
    void Appended(string userId, long version);
}

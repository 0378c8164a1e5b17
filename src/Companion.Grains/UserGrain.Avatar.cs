using Companion.Domain.Commands;
using Companion.Domain.Events;
using Companion.Domain.Lorebooks;
using Companion.EventLog.Encryption;

namespace Companion.Grains;

/// <summary>
/// A companion's picture: its bytes live in the log event that set it (encrypted, erased with the
/// user); the state holds only which event that is, so snapshots stay small.
/// </summary>
public sealed partial class UserGrain
{
    public Task<CommandResult> SetAvatar(string companionId, byte[] image, string source) =>
        ExecuteUnlessAsIs(s => AvatarDecisions.Set(s, companionId, image, source, clock.GetUtcNow()), companionId);

    public Task<CommandResult> RemoveAvatar(string companionId) =>
        ExecuteUnlessAsIs(s => AvatarDecisions.Remove(s, companionId, clock.GetUtcNow()), companionId);

    /// <remarks>
    /// Interleaves like time travel, so it reads the log with a key of its own: an erasure
    /// meanwhile cannot dispose it. The event is authenticated by its decryption (the associated
    /// data names the stream and version), and its digest is checked against the state's.
    /// </remarks>
    public async Task<AvatarImage?> GetAvatar(string companionId)
    {
        if (UserDecisions.RequireCompanion(Current, companionId).Avatar is not { } avatar)
        {
            return null;
        }

        using var cipher = await OpenOwnKeyAsync();
        await foreach (var envelope in log.ReadAsync(UserId, avatar.Version))
        {
            if (registry.FromEnvelope(PayloadCipher.Reveal(envelope, cipher)) is not CompanionAvatarSet set || set.Sha256 != avatar.Sha256)
            {
                throw new InvalidOperationException($"Version {avatar.Version} of '{UserId}' is not the picture the state names for '{companionId}'.");
            }

            return new AvatarImage(set.MediaType, Convert.FromBase64String(set.Image), set.Sha256, avatar.Version);
        }

        throw new InvalidOperationException($"Version {avatar.Version} of '{UserId}', the picture of '{companionId}', is not in the log.");
    }

    /// <summary>A companion created from a card gets the card's lorebook and picture in the same append.</summary>
    private IReadOnlyList<UserEvent> CreatedFromCard(CompanionCreated created, Lorebook? lorebook, CardImage? avatar)
    {
        var events = CreatedWithLorebook(created, lorebook);
        return avatar is null
            ? events
            : [.. events, AvatarDecisions.New(created.CompanionId, avatar.Bytes, avatar.Source, created.OccurredAt)];
    }
}

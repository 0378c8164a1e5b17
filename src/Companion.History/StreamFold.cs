using System.Security.Cryptography;
using System.Text.Json;
using Companion.Domain.Events;
using Companion.Domain.State;
using Companion.EventLog;
using Companion.EventLog.Encryption;

namespace Companion.History;

/// <summary>
/// The one fold from stored envelopes to state, one envelope at a time and in order: check its
/// link in the hash chain, decrypt its payload, read it through the registry (upcasting older
/// versions), apply it. Grain activation, time travel, log pages, export and verification all go
/// through it, so each reads the history by the same rules. Any envelope that fails a step throws
/// <see cref="StreamDamagedException"/> naming its version; nothing is skipped.
/// </summary>
/// <param name="registry">Reads payloads of every known event type and version.</param>
/// <param name="cipher">The stream's key; null when it has none (then an encrypted payload is damage, unless <paramref name="chainOnlyWhenEncrypted"/>).</param>
/// <param name="start">Where the fold starts: a snapshot's state and head, or the empty stream.</param>
/// <param name="chainOnlyWhenEncrypted">
/// Without a cipher, check the chain of encrypted envelopes and count them instead of failing
/// (the ciphertext is what the chain covers): what a verifier can do without the key.
/// </param>
public sealed class StreamFold(EventTypeRegistry registry, PayloadCipher? cipher, FoldStart? start = null, bool chainOnlyWhenEncrypted = false)
{
    /// <summary>The stream being folded; taken from the first envelope unless the start names it.</summary>
    public string? Stream { get; private set; } = start?.Stream;

    /// <summary>The version and hash of the last envelope folded in (or of the start).</summary>
    public StreamHead Head { get; private set; } = start?.Head ?? StreamHead.Empty;

    /// <summary>The state after the last envelope applied.</summary>
    public UserState State { get; private set; } = start?.State ?? UserState.Empty;

    /// <summary>Envelopes folded in since the start.</summary>
    public long Folded { get; private set; }

    /// <summary>Payload bytes (as stored) folded in since the start.</summary>
    public long FoldedBytes { get; private set; }

    /// <summary>Encrypted envelopes whose chain was checked but which could not be read (no cipher, chain only).</summary>
    public long Unreadable { get; private set; }

    /// <summary>
    /// Folds the next envelope in and returns its event; null only when it is encrypted, there is
    /// no cipher and the fold checks the chain only.
    /// </summary>
    /// <exception cref="StreamDamagedException">The envelope cannot follow the history before it.</exception>
    public UserEvent? Add(EventEnvelope envelope) => Fold(envelope, applyToState: true);

    /// <summary>
    /// Checks the next envelope's link, decrypts and reads its event, and moves on without
    /// applying it to <see cref="State"/>: for projections that keep their own view of the events
    /// (recall), which would otherwise fold the whole state a second time. Returns null as
    /// <see cref="Add"/> does.
    /// </summary>
    /// <exception cref="StreamDamagedException">The envelope cannot follow the history before it, or does not decrypt or read.</exception>
    public UserEvent? Next(EventEnvelope envelope) => Fold(envelope, applyToState: false);

    /// <summary>
    /// Checks the next envelope's link and decrypts it, without reading or applying its event:
    /// for readers that show envelopes as stored (log pages). Returns the envelope in the clear.
    /// </summary>
    /// <exception cref="StreamDamagedException">The envelope cannot follow the history before it, or does not decrypt or read.</exception>
    public EventEnvelope Reveal(EventEnvelope envelope)
    {
        var revealed = Check(envelope) ?? throw Damaged(envelope, $"version {envelope.Version}: the payload is encrypted, and the key is not at hand.");
        _ = Read(revealed);
        Advance(envelope);
        return revealed;
    }

    /// <summary>
    /// Takes <paramref name="envelope"/> as the place to continue from, as stored, without
    /// checking it (a page that starts mid-stream checks that its first envelope follows this one).
    /// </summary>
    public void Anchor(EventEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        Stream ??= envelope.Stream;
        Head = new StreamHead(envelope.Version, envelope.Hash);
    }

    private UserEvent? Fold(EventEnvelope envelope, bool applyToState)
    {
        var revealed = Check(envelope);
        if (revealed is null)
        {
            Advance(envelope);
            Unreadable++;
            return null;
        }

        var @event = Read(revealed);
        if (applyToState)
        {
            try
            {
                State = UserStateApply.Apply(State, @event);
            }
            catch (InvalidOperationException e)
            {
                throw Damaged(envelope, $"version {envelope.Version} ({envelope.Type}) cannot be applied: {e.Message}");
            }
        }

        Advance(envelope);
        return @event;
    }

    private EventEnvelope? Check(EventEnvelope envelope)
    {
        Stream ??= envelope.Stream;
        if (!string.Equals(envelope.Stream, Stream, StringComparison.Ordinal))
        {
            throw Damaged(envelope, $"version {envelope.Version} belongs to stream '{envelope.Stream}', not '{Stream}'.");
        }

        string? broken;
        try
        {
            broken = EnvelopeChain.CheckLink(Head.Version, Head.Hash, envelope);
        }
        catch (FormatException e)
        {
            broken = e.Message;
        }

        if (broken is not null)
        {
            throw Damaged(envelope, broken);
        }

        if (cipher is null && PayloadCipher.IsEncrypted(envelope.Payload.Span))
        {
            return chainOnlyWhenEncrypted
                ? null
                : throw Damaged(envelope, $"version {envelope.Version}: the payload is encrypted, and the key is not at hand.");
        }

        try
        {
            return PayloadCipher.Reveal(envelope, cipher);
        }
        catch (CryptographicException e)
        {
            throw Damaged(envelope, $"version {envelope.Version}: the payload does not decrypt with this user's key ({e.Message}).");
        }
    }

    private UserEvent Read(EventEnvelope revealed)
    {
        try
        {
            return registry.FromEnvelope(revealed);
        }
        catch (UnknownEventTypeException e)
        {
            throw Damaged(revealed, $"version {revealed.Version}: {e.Message}");
        }
        catch (Exception e) when (e is JsonException or FormatException or NotSupportedException or InvalidOperationException)
        {
            throw Damaged(revealed, $"version {revealed.Version}: the payload of {revealed.Type} v{revealed.SchemaVersion} cannot be read: {e.Message}");
        }
    }

    private void Advance(EventEnvelope envelope)
    {
        Head = new StreamHead(envelope.Version, envelope.Hash);
        Folded++;
        FoldedBytes += envelope.Payload.Length;
    }

    private StreamDamagedException Damaged(EventEnvelope envelope, string reason) =>
        new(Stream ?? envelope.Stream, envelope.Version, reason);
}

/// <summary>Where a fold starts: a snapshot's state at its head, of a named stream.</summary>
/// <param name="Stream">The stream.</param>
/// <param name="State">The state at <paramref name="Head"/>.</param>
/// <param name="Head">The version and hash the state includes.</param>
public sealed record FoldStart(string Stream, UserState State, StreamHead Head);

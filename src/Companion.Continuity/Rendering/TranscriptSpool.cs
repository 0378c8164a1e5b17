using System.Text;
using Companion.Continuity.Chats;
using Companion.Continuity.Spooling;
using Companion.Domain.Events;
using Companion.Domain.State;

namespace Companion.Continuity.Rendering;

/// <summary>
/// Renders conversation transcripts while the events stream past, into two spool files per
/// session (private and encrypted: <see cref="SpoolDirectory"/>): the Markdown transcript and the
/// same session as a SillyTavern chat <c>.jsonl</c> (<see cref="SillyTavernChatWriter"/>), so a
/// long history never sits in memory: only a few files are open at once, and the archive copies
/// each file in when the events are done. Deletes its files when disposed.
/// </summary>
internal sealed class TranscriptSpool(SpoolDirectory spools) : IDisposable
{
    private const int MaxOpenFiles = 32;

    /// <summary>
    /// Bytes each open file gathers before it encrypts and writes them: with a StreamWriter's
    /// default (1,024 characters) every kilobyte or so of a transcript cost a cipher context and a write.
    /// </summary>
    private const int BufferBytes = 1 << 13;
    private readonly string _directory = spools.CreateDirectory();
    private readonly Dictionary<(string CompanionId, string SessionId, bool Chat), (string Path, ulong Nonce)> _files = [];
    private readonly List<(string CompanionId, string SessionId)> _order = [];
    private readonly StringBuilder _markdown = new(1024);
    private readonly Dictionary<string, Utf8SpoolWriter> _open = new(StringComparer.Ordinal);
    private readonly LinkedList<string> _recent = [];

    /// <summary>Every session's Markdown transcript, in the order the sessions started, with a way to read it (after <see cref="Complete"/>).</summary>
    public IEnumerable<(string CompanionId, string SessionId, Func<Stream> Open)> Transcripts =>
        _order.Select(key => (key.CompanionId, key.SessionId, Open(_files[(key.CompanionId, key.SessionId, false)])));

    /// <summary>Every session as a SillyTavern chat <c>.jsonl</c>, in the same order (after <see cref="Complete"/>).</summary>
    public IEnumerable<(string CompanionId, string SessionId, Func<Stream> Open)> Chats =>
        _order.Select(key => (key.CompanionId, key.SessionId, Open(_files[(key.CompanionId, key.SessionId, true)])));

    /// <summary>Each companion's current picture, followed as the events pass (the archive writes it beside the cards).</summary>
    public CompanionPictures Pictures { get; } = new();

    /// <summary>Adds what <paramref name="event"/> means for a transcript; <paramref name="state"/> is the state after it.</summary>
    public void Observe(UserEvent @event, UserState state)
    {
        Pictures.Observe(@event);
        switch (@event)
        {
            case SessionStarted started:
                Writer(started.CompanionId, started.SessionId, state, started.OccurredAt).Write(TranscriptMarkdown.Started(started.SessionId, started.CompanionId, started.OccurredAt));
                ChatWriter(started.CompanionId, started.SessionId, state, started.OccurredAt);
                break;
            case MessageRecorded message:
                var owner = JournalMarkdown.Owner(state);
                var companion = CompanionName(state, message.CompanionId);
                var speaker = message.Role == MessageRole.User ? owner : companion;
                Writer(message.CompanionId, message.SessionId, state, message.SaidAt).Write(TranscriptMarkdown.AppendMessage(_markdown.Clear(), message, speaker));
                var chat = ChatWriter(message.CompanionId, message.SessionId, state, message.SaidAt);
                chat.Write(SillyTavernChatWriter.MessageUtf8(message, owner, companion));
                chat.Write("\n"u8);
                break;
            case SessionEnded ended:
                Writer(ended.CompanionId, ended.SessionId, state, ended.OccurredAt).Write(TranscriptMarkdown.Ended(ended.OccurredAt));
                break;
        }
    }

    /// <summary>Closes every open file so the transcripts can be read.</summary>
    public void Complete()
    {
        foreach (var writer in _open.Values)
        {
            writer.Dispose();
        }

        _open.Clear();
        _recent.Clear();
    }

    public void Dispose()
    {
        Complete();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A temporary directory left behind costs disk space, not correctness.
        }
    }

    private Utf8SpoolWriter Writer(string companionId, string sessionId, UserState state, DateTimeOffset startedAt) =>
        Spooled(companionId, sessionId, state, startedAt, chat: false);

    private Utf8SpoolWriter ChatWriter(string companionId, string sessionId, UserState state, DateTimeOffset startedAt) =>
        Spooled(companionId, sessionId, state, startedAt, chat: true);

    /// <summary>The open spool of a session's transcript or chat; a new one starts with its title or metadata line, and a session's first event opens both.</summary>
    private Utf8SpoolWriter Spooled(string companionId, string sessionId, UserState state, DateTimeOffset startedAt, bool chat)
    {
        var key = (companionId, sessionId, chat);
        if (!_files.ContainsKey((companionId, sessionId, false)))
        {
            _order.Add((companionId, sessionId));
            foreach (var kind in new[] { false, true })
            {
                _files.Add((companionId, sessionId, kind), (Path.Combine(_directory, $"{_files.Count}.{(kind ? "jsonl" : "md")}.spool"), spools.NextNonce()));
                using var first = new Utf8SpoolWriter(spools.OpenFile(_files[(companionId, sessionId, kind)].Path, FileMode.Append, FileAccess.Write, _files[(companionId, sessionId, kind)].Nonce), 1024);
                first.Write(kind
                    ? SillyTavernChatWriter.Header(JournalMarkdown.Owner(state), CompanionName(state, companionId), startedAt) + "\n"
                    : TranscriptMarkdown.Title(CompanionName(state, companionId)));
            }
        }

        var spooled = _files[key];

        var file = spooled.Path;
        if (_open.TryGetValue(file, out var open))
        {
            _recent.Remove(file);
            _recent.AddFirst(file);
            return open;
        }

        if (_open.Count >= MaxOpenFiles && _recent.Last is { } oldest)
        {
            _open.Remove(oldest.Value, out var evicted);
            evicted?.Dispose();
            _recent.RemoveLast();
        }

        var writer = new Utf8SpoolWriter(spools.OpenFile(file, FileMode.Append, FileAccess.Write, spooled.Nonce), BufferBytes);
        _open.Add(file, writer);
        _recent.AddFirst(file);
        return writer;
    }

    private Func<Stream> Open((string Path, ulong Nonce) spooled) =>
        () => spools.OpenFile(spooled.Path, FileMode.Open, FileAccess.Read, spooled.Nonce);

    private static string CompanionName(UserState state, string companionId) =>
        state.Companions.TryGetValue(companionId, out var companion) ? companion.Name : companionId;
}

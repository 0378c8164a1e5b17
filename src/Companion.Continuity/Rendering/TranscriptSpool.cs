using System.Text;
using Companion.Continuity.Spooling;
using Companion.Domain.Events;
using Companion.Domain.State;

namespace Companion.Continuity.Rendering;

/// <summary>
/// Renders conversation transcripts while the events stream past, into one spool file per
/// session (private and encrypted: <see cref="SpoolDirectory"/>), so a long history never sits
/// in memory: only a few files are open at once, and the archive copies each file in when the
/// events are done. Deletes its files when disposed.
/// </summary>
internal sealed class TranscriptSpool(SpoolDirectory spools) : IDisposable
{
    private const int MaxOpenFiles = 32;
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private readonly string _directory = spools.CreateDirectory();
    private readonly Dictionary<(string CompanionId, string SessionId), (string Path, ulong Nonce)> _files = [];
    private readonly List<(string CompanionId, string SessionId)> _order = [];
    private readonly Dictionary<string, StreamWriter> _open = new(StringComparer.Ordinal);
    private readonly LinkedList<string> _recent = [];

    /// <summary>Every session's transcript, in the order the sessions started, with a way to read it (after <see cref="Complete"/>).</summary>
    public IEnumerable<(string CompanionId, string SessionId, Func<Stream> Open)> Transcripts =>
        _order.Select(key => (key.CompanionId, key.SessionId, Open(_files[key])));

    /// <summary>Adds what <paramref name="event"/> means for a transcript; <paramref name="state"/> is the state after it.</summary>
    public void Observe(UserEvent @event, UserState state)
    {
        switch (@event)
        {
            case SessionStarted started:
                Writer(started.CompanionId, started.SessionId, state).Write(TranscriptMarkdown.Started(started.SessionId, started.CompanionId, started.OccurredAt));
                break;
            case MessageRecorded message:
                var speaker = message.Role == MessageRole.User ? JournalMarkdown.Owner(state) : CompanionName(state, message.CompanionId);
                Writer(message.CompanionId, message.SessionId, state).Write(TranscriptMarkdown.Message(message, speaker));
                break;
            case SessionEnded ended:
                Writer(ended.CompanionId, ended.SessionId, state).Write(TranscriptMarkdown.Ended(ended.OccurredAt));
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

    private StreamWriter Writer(string companionId, string sessionId, UserState state)
    {
        var key = (companionId, sessionId);
        var isNew = !_files.TryGetValue(key, out var spooled);
        if (isNew)
        {
            spooled = (Path.Combine(_directory, $"{_files.Count}.md.spool"), spools.NextNonce());
            _files.Add(key, spooled);
            _order.Add(key);
        }

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

        var writer = new StreamWriter(spools.OpenFile(file, FileMode.Append, FileAccess.Write, spooled.Nonce), Utf8);
        _open.Add(file, writer);
        _recent.AddFirst(file);
        if (isNew)
        {
            writer.Write(TranscriptMarkdown.Title(CompanionName(state, companionId)));
        }

        return writer;
    }

    private Func<Stream> Open((string Path, ulong Nonce) spooled) =>
        () => spools.OpenFile(spooled.Path, FileMode.Open, FileAccess.Read, spooled.Nonce);

    private static string CompanionName(UserState state, string companionId) =>
        state.Companions.TryGetValue(companionId, out var companion) ? companion.Name : companionId;
}

using System.Text;
using Companion.Continuity.Rendering;
using Companion.EventLog;

namespace Companion.Continuity.Verification;

public sealed partial class ArchiveVerifier
{
    private const int ProgressEvery = 1000;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads <c>events.jsonl</c> line by line through <paramref name="fold"/>; stops at the first line that is wrong.</summary>
    private async Task<bool> ReadEventsAsync(
        CheckedZip zip, HistoryFold fold, TranscriptSpool transcripts, List<ArchiveProblem> problems,
        IProgress<ArchiveProgress>? progress, CancellationToken cancellationToken)
    {
        var entry = zip.GetEntry(ArchiveFormat.EventsEntry) ?? throw new InvalidDataException("events.jsonl vanished.");
        await using var bounded = await zip.OpenAsync(entry, cancellationToken);
        using var reader = new StreamReader(bounded, StrictUtf8, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
        long line = 0;
        while (true)
        {
            string? text;
            try
            {
                text = await reader.ReadLineAsync(cancellationToken);
            }
            catch (DecoderFallbackException)
            {
                problems.Add(new(ArchiveProblemKind.Malformed, $"events.jsonl line {line + 1}: not valid UTF-8."));
                return false;
            }

            if (text is null)
            {
                break;
            }

            // A deadline (ArchiveLimits.MaxDuration) must stop the fold too, not only the reads.
            cancellationToken.ThrowIfCancellationRequested();
            line++;
            if (!Fold(text, line, fold, transcripts, problems))
            {
                return false;
            }

            if (line % ProgressEvery == 0)
            {
                progress?.Report(new ArchiveProgress(line, bounded.BytesRead, entry.Length));
            }
        }

        progress?.Report(new ArchiveProgress(line, bounded.BytesRead, entry.Length));
        if (line == 0)
        {
            problems.Add(new(ArchiveProblemKind.BrokenHistory, "events.jsonl holds no events."));
            return false;
        }

        return true;
    }

    private static bool Fold(string text, long line, HistoryFold fold, TranscriptSpool transcripts, List<ArchiveProblem> problems)
    {
        if (text.Length == 0)
        {
            problems.Add(new(ArchiveProblemKind.Malformed, $"events.jsonl line {line}: empty line; expected version {fold.Head.Version + 1}."));
            return false;
        }

        EventEnvelope envelope;
        try
        {
            envelope = EnvelopeJson.Parse(Encoding.UTF8.GetBytes(text));
        }
        catch (FormatException e)
        {
            problems.Add(new(ArchiveProblemKind.Malformed, $"events.jsonl line {line}: {e.Message}"));
            return false;
        }

        try
        {
            if (fold.Add(envelope) is { } @event)
            {
                transcripts.Observe(@event, fold.State);
            }

            return true;
        }
        catch (HistoryException e)
        {
            problems.Add(new(ArchiveProblemKind.BrokenHistory, $"events.jsonl line {line}: {e.Message}"));
            return false;
        }
    }
}

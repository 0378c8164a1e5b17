using Companion.Continuity.Spooling;

namespace Companion.Continuity.Verification;

/// <summary>Spools a stream that cannot seek into a spool file (private, encrypted, deleted when closed).</summary>
internal static class TemporaryFile
{
    /// <summary>Copies <paramref name="source"/> into a spool file positioned at its start; null (and nothing kept) when it holds more than <paramref name="limit"/> bytes.</summary>
    public static async Task<Stream?> CopyAsync(Stream source, long limit, SpoolDirectory spools, CancellationToken cancellationToken)
    {
        var file = spools.CreateFile();
        try
        {
            var buffer = new byte[1 << 16];
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
            {
                if (file.Length + read > limit)
                {
                    await file.DisposeAsync();
                    return null;
                }

                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }

            file.Position = 0;
            return file;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }
}

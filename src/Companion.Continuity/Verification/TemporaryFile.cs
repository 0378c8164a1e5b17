namespace Companion.Continuity.Verification;

/// <summary>A file that deletes itself when closed, for spooling a stream that cannot seek.</summary>
internal static class TemporaryFile
{
    /// <summary>Creates an empty temporary file, open for reading and writing; it is deleted when disposed.</summary>
    public static FileStream Create() => new(
        Path.Combine(Path.GetTempPath(), "companion-" + Guid.NewGuid().ToString("N") + ".tmp"),
        FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16,
        FileOptions.DeleteOnClose | FileOptions.Asynchronous);

    /// <summary>Copies <paramref name="source"/> into a temporary file positioned at its start; null (and nothing kept) when it holds more than <paramref name="limit"/> bytes.</summary>
    public static async Task<FileStream?> CopyAsync(Stream source, long limit, CancellationToken cancellationToken)
    {
        var file = Create();
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

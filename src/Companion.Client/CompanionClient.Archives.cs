using System.Net.Http.Headers;

namespace Companion.Client;

// Continuity archives: a user's whole history out as a zip, and back into a silo. Both stream.
public sealed partial class CompanionClient
{
    private const int CopyBufferBytes = 1 << 16;

    /// <summary>
    /// Starts downloading the user's continuity archive (<c>application/zip</c>): the answer's
    /// headers are read, the body is not: <c>GET /v1/users/{userId}/export</c>. Dispose the download.
    /// </summary>
    public async Task<ArchiveDownload> OpenExportAsync(string userId, CancellationToken cancellationToken = default)
    {
        using var request = await CreateRequestAsync(HttpMethod.Get, UserPath(userId, "export"), content: null, cancellationToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/zip"));
        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        try
        {
            await ThrowIfRefusedAsync(response, cancellationToken);
            return new ArchiveDownload(response);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>Downloads the user's continuity archive into <paramref name="destination"/>, reporting the bytes written so far.</summary>
    public async Task<ArchiveExported> ExportAsync(string userId, Stream destination, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        using var download = await OpenExportAsync(userId, cancellationToken);
        var length = await download.CopyToAsync(destination, progress, cancellationToken);
        return new ArchiveExported(download.FileName, length);
    }

    /// <summary>
    /// Restores an archive into a user with no events (admin token), reporting the bytes sent so
    /// far: <c>POST /v1/imports</c>. Refusals: 400 invalid, 409 the user has events, 410 the user
    /// was erased here, 413 too large; nothing is written when refused.
    /// </summary>
    /// <param name="archive">The archive, read from its position to its end; left open.</param>
    /// <param name="progress">Told the bytes sent so far.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<ArchiveImported> ImportAsync(Stream archive, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(archive);
        var content = new StreamContent(new ProgressStream(archive, progress), CopyBufferBytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        if (archive.CanSeek)
        {
            content.Headers.ContentLength = archive.Length - archive.Position;
        }

        return SendAsync<ArchiveImported>(HttpMethod.Post, Path("imports"), content, cancellationToken);
    }
}

/// <summary>An archive being downloaded: its length and name, known from the headers, and the body still to read.</summary>
public sealed class ArchiveDownload : IDisposable
{
    private readonly HttpResponseMessage _response;

    internal ArchiveDownload(HttpResponseMessage response)
    {
        _response = response;
        Length = response.Content.Headers.ContentLength;
        var disposition = response.Content.Headers.ContentDisposition;
        FileName = (disposition?.FileNameStar ?? disposition?.FileName)?.Trim('"');
    }

    /// <summary>The archive's size in bytes, when the silo said (it streams, so usually not).</summary>
    public long? Length { get; }

    /// <summary>The name the silo gave the archive, when it gave one.</summary>
    public string? FileName { get; }

    /// <summary>Copies the archive into <paramref name="destination"/>, telling <paramref name="progress"/> the bytes written so far; returns their count.</summary>
    public async Task<long> CopyToAsync(Stream destination, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        await using var body = await _response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[1 << 16];
        long copied = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            progress?.Report(copied += read);
        }

        return copied;
    }

    /// <summary>Ends the download (the connection is released).</summary>
    public void Dispose() => _response.Dispose();
}

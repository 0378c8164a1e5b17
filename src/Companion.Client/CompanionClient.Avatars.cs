using System.Net.Http.Headers;

namespace Companion.Client;

// A companion's picture, and cards sent as files (PNG, CHARX, JSON) as a browser's upload would.
public sealed partial class CompanionClient
{
    /// <summary>The companion's picture and its media type: <c>GET …/companions/{companionId}/avatar</c>. 404 when it has none.</summary>
    public async Task<CompanionPicture> GetAvatarAsync(string userId, string companionId, CancellationToken cancellationToken = default)
    {
        using var request = await CreateRequestAsync(HttpMethod.Get, UserPath(userId, "companions", companionId, "avatar"), content: null, cancellationToken, "image/*");
        using var response = await _http.SendAsync(request, cancellationToken);
        await ThrowIfRefusedAsync(response, cancellationToken);
        return new CompanionPicture(await response.Content.ReadAsByteArrayAsync(cancellationToken), response.Content.Headers.ContentType?.MediaType ?? "application/octet-stream");
    }

    /// <summary>
    /// Sets the companion's picture (PNG, JPEG, WebP or GIF, at most 1 MiB): <c>PUT …/companions/{companionId}/avatar</c>.
    /// The same bytes again write nothing (<see cref="AvatarChanged.Duplicate"/>). Refusals: 400 not an image of those kinds, 413 too large.
    /// </summary>
    public Task<AvatarChanged> SetAvatarAsync(string userId, string companionId, byte[] image, CancellationToken cancellationToken = default)
    {
        var content = new ByteArrayContent(image);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return SendAsync<AvatarChanged>(HttpMethod.Put, UserPath(userId, "companions", companionId, "avatar"), content, cancellationToken);
    }

    /// <summary>Takes the companion's picture away (earlier ones stay in the log): <c>DELETE …/companions/{companionId}/avatar</c>. With none, nothing is written.</summary>
    public Task<AvatarChanged> RemoveAvatarAsync(string userId, string companionId, CancellationToken cancellationToken = default) =>
        SendAsync<AvatarChanged>(HttpMethod.Delete, UserPath(userId, "companions", companionId, "avatar"), content: null, cancellationToken);

    /// <summary>
    /// Creates a companion from a card file — a PNG card, a CHARX or a card's JSON, told apart by the silo from its bytes —
    /// sent as a multipart/form-data upload: <c>POST …/companions/from-card</c>. The card's image becomes the companion's picture.
    /// </summary>
    /// <param name="userId">The user.</param>
    /// <param name="card">The card file, read from its position to its end; left open.</param>
    /// <param name="fileName">The file's name, as the upload names it.</param>
    /// <param name="requestId">A client key: the same key and card again write nothing.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<CompanionCreated> UploadCardAsync(string userId, Stream card, string fileName, string? requestId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(card);
        var form = new MultipartFormDataContent { { new StreamContent(card), "file", fileName } };
        return SendAsync<CompanionCreated>(HttpMethod.Post, Query(UserPath(userId, "companions", "from-card"), ("requestId", requestId)), form, cancellationToken);
    }
}

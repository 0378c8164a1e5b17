using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Companion.Client;

// The one way a request is made and an answer read, so every call handles tokens and refusals alike.
public sealed partial class CompanionClient
{
    /// <summary>The API's JSON: camelCase names, enums as camelCase strings, absent optional fields left out.</summary>
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private Task<T> GetAsync<T>(string path, CancellationToken cancellationToken) =>
        SendAsync<T>(HttpMethod.Get, path, content: null, cancellationToken);

    private Task<T> SendJsonAsync<TBody, T>(HttpMethod method, string path, TBody body, CancellationToken cancellationToken) =>
        SendAsync<T>(method, path, JsonContent.Create(body, options: Json), cancellationToken);

    private async Task<T> SendAsync<T>(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = await CreateRequestAsync(method, path, content, cancellationToken);
        using var response = await _http.SendAsync(request, cancellationToken);
        await ThrowIfRefusedAsync(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
            ?? throw new JsonException($"The silo answered {method} {path} with null instead of a JSON object.");
    }

    /// <summary>Sends a request whose answer has no body (202, 204): only a refusal is read.</summary>
    private async Task SendExpectingNoBodyAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = await CreateRequestAsync(method, path, content, cancellationToken);
        using var response = await _http.SendAsync(request, cancellationToken);
        await ThrowIfRefusedAsync(response, cancellationToken);
    }

    /// <summary>A GET whose answer is text of <paramref name="mediaType"/> (Markdown, JSONL, SVG), read whole.</summary>
    private async Task<string> GetTextAsync(string path, string mediaType, CancellationToken cancellationToken)
    {
        using var request = await CreateRequestAsync(HttpMethod.Get, path, content: null, cancellationToken, mediaType);
        using var response = await _http.SendAsync(request, cancellationToken);
        await ThrowIfRefusedAsync(response, cancellationToken);
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    private async Task<HttpRequestMessage> CreateRequestAsync(
        HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken, string accept = "application/json")
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokenProvider(cancellationToken));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/problem+json"));
        return request;
    }

    private static async Task ThrowIfRefusedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw await CompanionApiException.FromResponseAsync(response, cancellationToken);
        }
    }

    /// <summary>A relative path from segments, each escaped: an id can never reach another route.</summary>
    private static string Path(params ReadOnlySpan<string> segments)
    {
        var path = "v1";
        foreach (var segment in segments)
        {
            ArgumentException.ThrowIfNullOrEmpty(segment);
            path += "/" + Uri.EscapeDataString(segment);
        }

        return path;
    }

    /// <summary>A user's path: <c>v1/users/{userId}/…</c>.</summary>
    private static string UserPath(string userId, params ReadOnlySpan<string> segments) => Path(["users", userId, .. segments]);
}

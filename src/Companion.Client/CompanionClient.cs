namespace Companion.Client;

/// <summary>
/// The Companion.Grains HTTP API (<c>/v1</c>) as typed calls. Every call sends
/// <c>Authorization: Bearer</c> with the token from the token provider; a refusal throws
/// <see cref="CompanionApiException"/> with the silo's problem details, and a silo that cannot be
/// reached throws <see cref="HttpRequestException"/> as <see cref="HttpClient"/> does.
/// </summary>
/// <remarks>
/// The caller owns <paramref name="http"/> (its lifetime, timeout and handler); its
/// <see cref="HttpClient.BaseAddress"/> is the silo's address, e.g. <c>http://127.0.0.1:5080</c>.
/// The client holds no state of its own, so one instance serves concurrent calls.
/// </remarks>
/// <param name="http">Sends the requests; its base address is the silo's.</param>
/// <param name="tokenProvider">The bearer token for each request: the admin token, or a user's token.</param>
public sealed partial class CompanionClient(HttpClient http, Func<CancellationToken, ValueTask<string>> tokenProvider)
{
    private readonly HttpClient _http = http.BaseAddress is null
        ? throw new ArgumentException("The HttpClient needs a BaseAddress: the silo's address, e.g. http://127.0.0.1:5080.", nameof(http))
        : http;

    /// <summary>A client that sends the same <paramref name="token"/> with every request.</summary>
    /// <param name="http">Sends the requests; its base address is the silo's.</param>
    /// <param name="token">The admin token, or a user's token.</param>
    public CompanionClient(HttpClient http, string token)
        : this(http, Fixed(token))
    {
    }

    /// <summary>The silo's address.</summary>
    public Uri BaseAddress => _http.BaseAddress ?? throw new InvalidOperationException("The HttpClient's BaseAddress was removed after the client was made.");

    /// <summary>A client for the same silo, over the same <see cref="HttpClient"/>, that sends <paramref name="token"/> instead (an admin creating a user, then acting as that user).</summary>
    public CompanionClient WithToken(string token) => new(_http, token);

    private static Func<CancellationToken, ValueTask<string>> Fixed(string token)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        var trimmed = token.Trim();
        return _ => ValueTask.FromResult(trimmed);
    }
}

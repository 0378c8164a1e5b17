using System.CommandLine;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Companion.Cli.Commands;

/// <summary>The <c>--url</c> and <c>--token</c> options of the commands that talk to a silo, and the client they make.</summary>
internal sealed class SiloConnection
{
    public const string TokenVariable = "COMPANION_TOKEN";

    public Option<string> Url { get; } = new("--url")
    {
        Description = "The silo's HTTP address.",
        DefaultValueFactory = _ => "http://127.0.0.1:5080",
    };

    public Option<string?> Token { get; } = new("--token")
    {
        Description = $"A bearer token (the admin token, or a user's token for its own export); default: the {TokenVariable} environment variable.",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Url);
        command.Options.Add(Token);
    }

    /// <summary>A client for the silo, or null (having said why on stderr) when there is no token or no usable address.</summary>
    public HttpClient? CreateClient(ParseResult parse, CliContext context)
    {
        var url = parse.GetValue(Url);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
        {
            context.Error.WriteLine($"error: --url must be an http:// or https:// address, not '{url}'.");
            return null;
        }

        var token = parse.GetValue(Token) ?? context.Environment(TokenVariable);
        if (string.IsNullOrWhiteSpace(token))
        {
            context.Error.WriteLine($"error: a token is needed: pass --token or set {TokenVariable}.");
            return null;
        }

        var client = context.Http is null ? new HttpClient() : new HttpClient(context.Http, disposeHandler: false);
        client.BaseAddress = address;
        client.Timeout = Timeout.InfiniteTimeSpan;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Trim());
        return client;
    }

    /// <summary>A refusal as one line: status, and the problem's detail when the silo sent one.</summary>
    public static async Task<string> DescribeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var detail = body;
        try
        {
            using var problem = JsonDocument.Parse(body);
            if (problem.RootElement.ValueKind == JsonValueKind.Object && problem.RootElement.TryGetProperty("detail", out var d))
            {
                detail = d.GetString() ?? body;
            }
        }
        catch (JsonException)
        {
            // Not a problem document: show the body as it is.
        }

        return $"{(int)response.StatusCode} {response.ReasonPhrase}{(string.IsNullOrWhiteSpace(detail) ? "" : ": " + detail)}";
    }
}

using System.CommandLine;
using Companion.Client;

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
        Description = $"A bearer token (the admin token to create users or import, a user's own token for its export and chats); default: the {TokenVariable} environment variable.",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Url);
        command.Options.Add(Token);
    }

    /// <summary>
    /// A typed client for the silo and the <see cref="HttpClient"/> under it (the caller disposes it),
    /// or null (having said why on stderr) when there is no token or no usable address.
    /// </summary>
    public (HttpClient Http, CompanionClient Api)? Connect(ParseResult parse, CliContext context)
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

        // Archives can take long to move: the CLI waits as long as the silo keeps the connection.
        var http = context.Http is null ? new HttpClient() : new HttpClient(context.Http, disposeHandler: false);
        http.BaseAddress = address;
        http.Timeout = Timeout.InfiniteTimeSpan;
        return (http, new CompanionClient(http, token));
    }

    /// <summary>
    /// Runs <paramref name="run"/> with a client for the silo, after checking that the file the
    /// command sends exists; a usage error (said on stderr) when it does not or there is no client.
    /// </summary>
    public async Task<int> SendFileAsync(ParseResult parse, CliContext context, FileInfo file, Func<CompanionClient, Task<int>> run)
    {
        if (!file.Exists)
        {
            context.Error.WriteLine($"error: no such file: {file.FullName}");
            return ExitCodes.Usage;
        }

        if (Connect(parse, context) is not var (http, api))
        {
            return ExitCodes.Usage;
        }

        using (http)
        {
            return await run(api);
        }
    }
}

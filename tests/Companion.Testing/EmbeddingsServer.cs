using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Companion.Testing;

/// <summary>
/// An HTTP server on a loopback port that answers <c>POST /v1/embeddings</c> as the OpenAI API
/// does, with what the test says; each request on its own task, so one answer may wait for another.
/// The recall tests and the silo's drive real embedding clients against it.
/// </summary>
public sealed class EmbeddingsServer : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly Task _serving;

    private EmbeddingsServer(HttpListener listener, Uri endpoint, Func<HttpListenerRequest, JsonObject, (int, JsonObject)> answer)
    {
        _listener = listener;
        Endpoint = endpoint;
        _serving = Task.Run(() => ServeAsync(answer));
    }

    public Uri Endpoint { get; }

    public List<JsonObject> Bodies { get; } = [];

    /// <summary>Answers each request with <paramref name="answer"/> of the request and its input texts.</summary>
    public static EmbeddingsServer Start(Func<HttpListenerRequest, string[], (int Status, JsonObject Body)> answer) =>
        Start((request, body) => answer(request, Texts(body)));

    /// <summary>Answers each request with <paramref name="answer"/> of the model asked for and the input texts.</summary>
    public static EmbeddingsServer StartPerModel(Func<string, string[], (int Status, JsonObject Body)> answer) =>
        Start((_, body) => answer(body["model"]?.GetValue<string>() ?? "", Texts(body)));

    private static string[] Texts(JsonObject body) => [.. (body["input"]?.AsArray() ?? []).Select(t => t?.GetValue<string>() ?? "")];

    private static EmbeddingsServer Start(Func<HttpListenerRequest, JsonObject, (int Status, JsonObject Body)> answer)
    {
        HttpListener? started = null;
        var port = 0;
        TestPorts.StartWithRetry(() =>
        {
            port = TestPorts.Next();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            listener.Start();
            started = listener;
        });
        return new EmbeddingsServer(started ?? throw new InvalidOperationException("The server did not start."), new Uri($"http://127.0.0.1:{port}/v1"), answer);
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        await _serving;
        _listener.Close();
    }

    private async Task ServeAsync(Func<HttpListenerRequest, JsonObject, (int, JsonObject)> answer)
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => ReplyAsync(context, answer));
        }
    }

    private async Task ReplyAsync(HttpListenerContext context, Func<HttpListenerRequest, JsonObject, (int, JsonObject)> answer)
    {
        var (status, reply) = context.Request is { HttpMethod: "POST", Url.AbsolutePath: "/v1/embeddings" }
            ? Answer(context.Request, answer)
            : (404, new JsonObject { ["error"] = new JsonObject { ["message"] = "not found" } });
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.OutputStream, reply);
        context.Response.Close();
    }

    private (int, JsonObject) Answer(HttpListenerRequest request, Func<HttpListenerRequest, JsonObject, (int, JsonObject)> answer)
    {
        var body = JsonNode.Parse(request.InputStream)?.AsObject() ?? [];
        lock (Bodies)
        {
            Bodies.Add(body);
        }

        return answer(request, body);
    }
}

using System.Text.Json;

namespace Companion.Client.Tests;

/// <summary>The operations of an OpenAPI 3 document, found by a concrete path as a client sends it.</summary>
internal sealed class OpenApiDocument(IReadOnlyList<(string Template, JsonElement Item)> paths)
{
    public static OpenApiDocument Parse(string json)
    {
        var root = JsonDocument.Parse(json).RootElement;
        return new OpenApiDocument(root.GetProperty("paths").EnumerateObject().Select(p => (p.Name, p.Value)).ToList());
    }

    /// <summary>The operation for <paramref name="method"/> at <paramref name="path"/>; a literal segment wins over a parameter.</summary>
    public OpenApiOperation? Find(string method, string path)
    {
        var segments = Segments(path);
        return paths
            .Where(p => Matches(Segments(p.Template), segments))
            .OrderByDescending(p => Segments(p.Template).Count(s => !IsParameter(s)))
            .Select(p => p.Item.TryGetProperty(method.ToLowerInvariant(), out var operation)
                ? new OpenApiOperation(p.Template.TrimEnd('/'), p.Item, operation)
                : null)
            .FirstOrDefault(o => o is not null);
    }

    private static string[] Segments(string path) => path.Trim('/').Split('/');

    private static bool IsParameter(string segment) => segment.StartsWith('{') && segment.EndsWith('}');

    private static bool Matches(string[] template, string[] path) =>
        template.Length == path.Length && template.Zip(path).All(pair => IsParameter(pair.First) || pair.First == pair.Second);
}

/// <summary>One operation: what it declares about query parameters, request bodies and answers.</summary>
internal sealed record OpenApiOperation(string Template, JsonElement PathItem, JsonElement Operation)
{
    /// <summary>What <paramref name="call"/> does that this operation does not declare.</summary>
    public IEnumerable<string> Check(RecordedCall call)
    {
        var query = Parameters().Where(p => p.GetProperty("in").GetString() == "query").Select(p => p.GetProperty("name").GetString()).ToHashSet();
        foreach (var name in call.QueryNames.Where(n => !query.Contains(n)))
        {
            yield return $"'{name}' is not a query parameter of {Template} in the document";
        }

        if (call.ContentType is { } type)
        {
            if (!Operation.TryGetProperty("requestBody", out var body))
            {
                yield return $"the client sends a {type} body; the document declares none";
            }
            else if (!body.GetProperty("content").EnumerateObject().Any(c => c.Name == type))
            {
                yield return $"the client sends {type}; the document takes {string.Join(", ", body.GetProperty("content").EnumerateObject().Select(c => c.Name))}";
            }
        }

        var responses = Operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToHashSet();
        var status = call.Status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (call.Status < 400 && !responses.Contains(status) && !responses.Contains("default") && !responses.Contains($"{status[0]}XX"))
        {
            yield return $"the answer {status} is not among the document's responses ({string.Join(", ", responses)})";
        }
        else if (call.AnswerType is { } answered && responses.Contains(status))
        {
            var declared = Operation.GetProperty("responses").GetProperty(status) is var response && response.TryGetProperty("content", out var content)
                ? content.EnumerateObject().Select(c => c.Name).ToList()
                : [];
            if (!declared.Contains(answered, StringComparer.OrdinalIgnoreCase))
            {
                yield return $"the answer {status} is {answered}; the document declares {(declared.Count == 0 ? "no body" : string.Join(", ", declared))}";
            }
        }
    }

    private IEnumerable<JsonElement> Parameters() =>
        new[] { PathItem, Operation }.SelectMany(e => e.TryGetProperty("parameters", out var p) ? p.EnumerateArray() : Enumerable.Empty<JsonElement>());
}

using System.Text.Json;

namespace Companion.Client;

/// <summary>An RFC 9457 problem details document, as the silo sends with every refusal.</summary>
/// <param name="Type">A URI naming the kind of problem, when the silo sent one.</param>
/// <param name="Title">A short summary of the kind of problem ("Conflict", "Gone").</param>
/// <param name="Status">The HTTP status the silo put in the document.</param>
/// <param name="Detail">What went wrong for this request and what to fix.</param>
/// <param name="Instance">A URI naming this occurrence, when the silo sent one.</param>
/// <param name="Extensions">Every other member of the document (<c>traceId</c>, <c>errors</c>, …) as sent.</param>
public sealed record ApiProblem(
    string? Type,
    string? Title,
    int? Status,
    string? Detail,
    string? Instance,
    IReadOnlyDictionary<string, JsonElement> Extensions)
{
    /// <summary>The <c>traceId</c> extension: the id to quote to the operator, when the silo sent one.</summary>
    public string? TraceId =>
        Extensions.TryGetValue("traceId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;

    /// <summary>The problem in <paramref name="body"/>, or null when it is not a JSON object.</summary>
    public static ApiProblem? TryParse(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            string? type = null, title = null, detail = null, instance = null;
            int? status = null;
            var extensions = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var member in document.RootElement.EnumerateObject())
            {
                var value = member.Value;
                switch (member.Name)
                {
                    case "type" when value.ValueKind == JsonValueKind.String: type = value.GetString(); break;
                    case "title" when value.ValueKind == JsonValueKind.String: title = value.GetString(); break;
                    case "detail" when value.ValueKind == JsonValueKind.String: detail = value.GetString(); break;
                    case "instance" when value.ValueKind == JsonValueKind.String: instance = value.GetString(); break;
                    case "status" when value.TryGetInt32(out var s): status = s; break;
                    default: extensions[member.Name] = value.Clone(); break;
                }
            }

            return new ApiProblem(type, title, status, detail, instance, extensions);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

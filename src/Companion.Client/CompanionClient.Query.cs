using System.Globalization;
using System.Text.Json;

namespace Companion.Client;

// Query strings: only the parameters given, each escaped, numbers and times in invariant form.
public sealed partial class CompanionClient
{
    private static string Query(string path, params ReadOnlySpan<(string Name, string? Value)> parameters)
    {
        var query = "";
        foreach (var (name, value) in parameters)
        {
            if (value is not null)
            {
                query += (query.Length == 0 ? "?" : "&") + name + "=" + Uri.EscapeDataString(value);
            }
        }

        return path + query;
    }

    private static string? Text(long? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string? Text(DateTimeOffset? value) => value?.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>An enum as the API spells it: camelCase, as in its JSON.</summary>
    private static string? Text<TEnum>(TEnum? value)
        where TEnum : struct, Enum => value is { } v ? JsonNamingPolicy.CamelCase.ConvertName(v.ToString()) : null;
}

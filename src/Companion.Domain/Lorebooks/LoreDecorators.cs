using System.Collections.Immutable;
using System.Globalization;

namespace Companion.Domain.Lorebooks;

/// <summary>
/// The Character Card V3 <c>@@decorators</c> at the start of an entry's content that this service
/// follows (<c>activate</c>, <c>dont_activate</c>, <c>scan_depth</c>, <c>additional_keys</c>,
/// <c>exclude_keys</c>, <c>position</c>), and the content without them. An unrecognised
/// decorator gives way to its <c>@@@</c> fallback, as the spec asks; the stored content keeps
/// every decorator as it came.
/// </summary>
internal sealed record LoreDecorators(
    bool Activate,
    bool DontActivate,
    int? ScanDepth,
    ImmutableArray<string> AdditionalKeys,
    ImmutableArray<string> ExcludeKeys,
    string? Position,
    string Body)
{
    public static LoreDecorators Parse(string content)
    {
        bool activate = false, dontActivate = false;
        int? scanDepth = null;
        ImmutableArray<string> additional = [], exclude = [];
        string? position = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var lines = content.Split('\n');
        var used = 0;
        var fallbackOpen = false; // the decorator above was not recognised: its @@@ fallback may stand in
        foreach (var raw in lines)
        {
            var line = raw.TrimEnd('\r');
            if (!line.StartsWith("@@", StringComparison.Ordinal))
            {
                break;
            }

            used++;
            var isFallback = line.StartsWith("@@@", StringComparison.Ordinal);
            if (isFallback && !fallbackOpen)
            {
                continue;
            }

            var text = line[(isFallback ? 3 : 2)..];
            var space = text.IndexOf(' ', StringComparison.Ordinal);
            var name = space < 0 ? text : text[..space];
            var value = space < 0 ? "" : text[(space + 1)..].Trim();
            var recognised = true;
            if (!seen.Add(name))
            {
                fallbackOpen = false;
                continue; // only the first decorator of a name counts
            }

            switch (name)
            {
                case "activate":
                    activate = true;
                    break;
                case "dont_activate":
                    dontActivate = true;
                    break;
                case "scan_depth" when int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var depth) && depth >= 0:
                    scanDepth = depth;
                    break;
                case "additional_keys" when value.Length > 0:
                    additional = [.. value.Split(',').Select(k => k.Trim()).Where(k => k.Length > 0)];
                    break;
                case "exclude_keys" when value.Length > 0:
                    exclude = [.. value.Split(',').Select(k => k.Trim()).Where(k => k.Length > 0)];
                    break;
                case "position" when value.Length > 0:
                    position = value;
                    break;
                default:
                    recognised = false;
                    seen.Remove(name);
                    break;
            }

            fallbackOpen = !recognised;
        }

        var body = used == 0 ? content : string.Join('\n', lines.Skip(used));
        return new LoreDecorators(activate, dontActivate, scanDepth, additional, exclude, position, body.Trim('\r', '\n'));
    }
}

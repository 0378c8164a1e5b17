using System.Text.RegularExpressions;

namespace Companion.Grains;

/// <summary>The shape of ids in routes: a short prefix, '_', then lowercase letters and digits.</summary>
public static partial class UserIds
{
    public static bool IsValid(string? id) => id is not null && IdPattern().IsMatch(id);

    [GeneratedRegex("^[a-z]{1,4}_[a-z0-9]{8,40}$")]
    private static partial Regex IdPattern();
}

using System.Text.RegularExpressions;

namespace Companion.Domain;

/// <summary>The shape of a user id: a short prefix, '_', then lowercase letters and digits.</summary>
public static partial class UserIds
{
    /// <summary>True when <paramref name="id"/> is, as a whole, a user id this service makes.</summary>
    public static bool IsValid(string? id) => id is not null && IdPattern().IsMatch(id);

    [GeneratedRegex(@"\A[a-z]{1,4}_[a-z0-9]{8,40}\z")]
    private static partial Regex IdPattern();
}

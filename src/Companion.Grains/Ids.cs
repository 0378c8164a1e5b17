using System.Security.Cryptography;

namespace Companion.Grains;

/// <summary>Short random ids with a prefix that says what they name: <c>c_</c> companion, <c>s_</c> session, and so on.</summary>
public static class Ids
{
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyz23456789";

    public static string New(string prefix)
    {
        Span<char> chars = stackalloc char[16];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return $"{prefix}_{chars}";
    }
}

using System.Security.Cryptography;

namespace Companion.Grains;

/// <summary>Short random ids with a prefix that says what they name: <c>c_</c> companion, <c>s_</c> session, and so on.</summary>
public static class Ids
{
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyz23456789";

    public static string New(string prefix)
    {
        // One call for all 16 random bytes (a call per character was a visible share of an
        // append's CPU); the alphabet has 32 letters, so the low 5 bits pick one without bias.
        Span<byte> random = stackalloc byte[16];
        RandomNumberGenerator.Fill(random);
        Span<char> chars = stackalloc char[16];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[random[i] & (Alphabet.Length - 1)];
        }

        return $"{prefix}_{chars}";
    }
}

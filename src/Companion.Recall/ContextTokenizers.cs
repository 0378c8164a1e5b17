using System.Collections.Concurrent;
using Microsoft.ML.Tokenizers;

namespace Companion.Recall;

/// <summary>
/// Token counters for context budgets, by name: <c>cl100k</c> (GPT-4, GPT-3.5) and <c>o200k</c>
/// (GPT-4o and later), from <c>Microsoft.ML.Tokenizers</c> with their vocabularies in process.
/// Each is loaded once, when first asked for.
/// </summary>
public sealed class ContextTokenizers
{
    /// <summary>The tokenizer used when none is named.</summary>
    public const string Default = "cl100k";

    /// <summary>The names understood.</summary>
    public static readonly IReadOnlyList<string> Names = ["cl100k", "o200k"];

    private readonly ConcurrentDictionary<string, Lazy<Tokenizer>> _loaded = new(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="name"/> names a tokenizer here.</summary>
    public static bool IsKnown(string name) => Names.Contains(name, StringComparer.Ordinal);

    /// <summary>A function that counts the tokens of a text with the named tokenizer.</summary>
    /// <exception cref="ArgumentException">The name is not one of <see cref="Names"/>.</exception>
    public Func<string, int> Counter(string name)
    {
        if (!IsKnown(name))
        {
            throw new ArgumentException($"Unknown tokenizer '{name}'; use one of: {string.Join(", ", Names)}.", nameof(name));
        }

        var tokenizer = _loaded.GetOrAdd(name, n => new Lazy<Tokenizer>(() => TiktokenTokenizer.CreateForEncoding(n + "_base"))).Value;
        return text => tokenizer.CountTokens(text);
    }
}

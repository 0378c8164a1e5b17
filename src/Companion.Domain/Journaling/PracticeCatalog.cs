using System.Collections.Immutable;
using System.Text.Json;
using Companion.Domain.Events;

namespace Companion.Domain.Journaling;

/// <summary>
/// The journaling practices and the moods entries are written with. The seeded catalogue is
/// <c>seeds/journal-prompts.json</c>, embedded in this assembly, so what the API serves and what
/// it validates against are one file.
/// </summary>
/// <param name="Moods">The moods the catalogue offers (others are accepted as labels).</param>
/// <param name="Practices">The practices, in the catalogue's order.</param>
public sealed record PracticeCatalog(ImmutableArray<string> Moods, ImmutableArray<Practice> Practices)
{
    private static readonly Lazy<PracticeCatalog> SeededCatalog = new(LoadSeeded);

    /// <summary>The catalogue of <c>seeds/journal-prompts.json</c>.</summary>
    public static PracticeCatalog Seeded => SeededCatalog.Value;

    /// <summary>The practice of <paramref name="kind"/>, or null when the catalogue has none.</summary>
    public Practice? Find(string kind) => Practices.FirstOrDefault(p => p.Kind == kind);

    /// <summary>
    /// Reads a catalogue from its JSON; throws <see cref="InvalidDataException"/> when a practice
    /// is named twice or names a field that <see cref="PracticeFields"/> does not have.
    /// </summary>
    public static PracticeCatalog Parse(string json)
    {
        var seeds = JsonSerializer.Deserialize<SeedFile>(json, JsonSerializerOptions.Web)
            ?? throw new InvalidDataException("The practice catalogue is empty.");
        if (seeds.Prompts.IsDefaultOrEmpty || seeds.Moods.IsDefaultOrEmpty)
        {
            throw new InvalidDataException("The practice catalogue needs 'moods' and 'prompts'.");
        }

        var catalog = new PracticeCatalog(seeds.Moods, seeds.Prompts);

        foreach (var practice in catalog.Practices)
        {
            if (catalog.Practices.Count(p => p.Kind == practice.Kind) > 1)
            {
                throw new InvalidDataException($"The practice '{practice.Kind}' is in the catalogue twice.");
            }

            foreach (var field in practice.Fields.IsDefault ? [] : practice.Fields)
            {
                if (!PracticeFields.Names.Contains(field.Name))
                {
                    throw new InvalidDataException($"The practice '{practice.Kind}' names the field '{field.Name}', which entries cannot hold.");
                }
            }
        }

        return catalog with { Practices = [.. catalog.Practices.Select(p => p.Fields.IsDefault ? p with { Fields = [] } : p)] };
    }

    private static PracticeCatalog LoadSeeded()
    {
        using var stream = typeof(PracticeCatalog).Assembly.GetManifestResourceStream("Companion.Domain.journal-prompts.json")
            ?? throw new InvalidOperationException("The seeded practice catalogue is not embedded in Companion.Domain.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    /// <summary>The seed file's shape: its practices are listed as <c>prompts</c>.</summary>
    private sealed record SeedFile(ImmutableArray<string> Moods, ImmutableArray<Practice> Prompts);
}

using Companion.Domain.Events;
using Companion.Domain.Journaling;

namespace Companion.Domain.Commands;

public static partial class Validate
{
    /// <summary>
    /// A practice of <paramref name="catalog"/> and its fields: each field must be one the practice
    /// has, not blank, and within <see cref="Limits.PracticeField"/>. Fields without a practice are
    /// refused rather than kept without meaning. Returns no fields when none were given.
    /// </summary>
    public static (string? Practice, PracticeFields? Fields) Practice(PracticeCatalog catalog, string? practice, PracticeFields? fields)
    {
        if (practice is null)
        {
            return fields is null || !fields.Given().Any()
                ? (null, null)
                : throw DomainException.Invalid($"'fields.{fields.Given().First().Name}' belongs to a practice: send 'practice' with it (one of {Kinds(catalog)}).");
        }

        var known = catalog.Find(practice)
            ?? throw DomainException.Invalid($"'practice' must be one of {Kinds(catalog)}; the one sent is not in the catalogue (GET /v1/practices).");
        foreach (var (name, value) in fields?.Given() ?? [])
        {
            if (!known.Fields.Any(f => f.Name == name))
            {
                var own = known.Fields.IsEmpty ? "it has no fields" : $"its fields are {string.Join(", ", known.Fields.Select(f => f.Name))}";
                throw DomainException.Invalid($"'fields.{name}' does not belong to the practice '{known.Kind}': {own}.");
            }

            RequiredText(value, $"fields.{name}", Limits.PracticeField);
        }

        return (practice, fields is null || !fields.Given().Any() ? null : fields);
    }

    private static string Kinds(PracticeCatalog catalog) => string.Join(", ", catalog.Practices.Select(p => $"'{p.Kind}'"));
}

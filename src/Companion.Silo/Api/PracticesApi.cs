using Companion.Domain.Journaling;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Companion.Silo.Api;

/// <summary>The journaling practices: prompts, moods and each practice's fields, from the seeded catalogue.</summary>
public static class PracticesApi
{
    public static RouteGroupBuilder MapPracticesApi(this RouteGroupBuilder v1)
    {
        v1.MapGet("/practices", Catalog)
            .WithName("getPractices")
            .WithSummary("The journaling practices (kind, cadence, prompt, examples and the fields an entry of it may carry) and the moods offered; the same catalogue entries are checked against.");
        return v1;
    }

    private static Ok<PracticeCatalog> Catalog() => TypedResults.Ok(PracticeCatalog.Seeded);
}

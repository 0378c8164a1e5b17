using Companion.Continuity.Rendering;
using Companion.Domain.Projections;
using Companion.Silo.Api.OpenApi;
using Companion.Silo.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Companion.Silo.Api;

/// <summary>
/// The look-back over the journal, for the user's eyes only: as JSON, as Markdown
/// (<c>Accept: text/markdown</c> or <c>?format=md</c>) or as an SVG chart of moods over time.
/// </summary>
public static class LookbackApi
{
    public static RouteGroupBuilder MapLookbackApi(this RouteGroupBuilder user)
    {
        user.MapGet("/lookback", Read)
            .WithName("getLookback")
            .AlsoProducesText(StatusCodes.Status200OK, "text/markdown", "The look-back as Markdown, with Accept: text/markdown or format=md.")
            .ProducesProblems(StatusCodes.Status400BadRequest)
            .WithSummary("Look back over the journal in [from, to) (ISO 8601; from defaults to the first entry's period, to to now) by=week|month (default month): " +
                "per period entries by practice, moods, check-in days and connections; mood trends; reframes in order; then and now per practice in the user's words. " +
                "Markdown with Accept: text/markdown or format=md. The user's own token only.");
        user.MapGet("/lookback.svg", Chart)
            .WithMetadata(new BinaryResponse(StatusCodes.Status200OK, "image/svg+xml", "Moods over time as a stacked bar chart, one bar per period."))
            .WithName("getLookbackChart")
            .ProducesProblems(StatusCodes.Status400BadRequest)
            .WithSummary("Moods over time as an SVG chart (no scripts), over the same range and periods as the look-back. The user's own token only.");
        return user;
    }

    private static async Task<Results<Ok<Lookback>, FileContentHttpResult, ProblemHttpResult>> Read(
        string userId, DateTimeOffset? from, DateTimeOffset? to, string? by, string? format, HttpRequest request, IGrainFactory grains)
    {
        if (Grouping(by) is not { } grouping)
        {
            return Problems.Result(StatusCodes.Status400BadRequest, "'by' must be 'week' or 'month'.");
        }

        if (format is not (null or "md" or "json"))
        {
            return Problems.Result(StatusCodes.Status400BadRequest, "'format' must be 'md' (Markdown) or 'json', or left out.");
        }

        var lookback = await CompanionsApi.User(grains, userId).GetLookback(from, to, grouping);
        if (format == "md" || (format is null && WantsMarkdown(request)))
        {
            return TypedResults.File(LookbackMarkdown.Render(lookback, "Your journal"), "text/markdown; charset=utf-8");
        }

        return TypedResults.Ok(lookback);
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Chart(
        string userId, DateTimeOffset? from, DateTimeOffset? to, string? by, IGrainFactory grains)
    {
        if (Grouping(by) is not { } grouping)
        {
            return Problems.Result(StatusCodes.Status400BadRequest, "'by' must be 'week' or 'month'.");
        }

        var lookback = await CompanionsApi.User(grains, userId).GetLookback(from, to, grouping);
        return TypedResults.File(MoodChartSvg.Render(lookback, "your journal"), "image/svg+xml; charset=utf-8");
    }

    private static LookbackGrouping? Grouping(string? by) => by switch
    {
        null or "month" => LookbackGrouping.Month,
        "week" => LookbackGrouping.Week,
        _ => null,
    };

    /// <summary>True when the caller's Accept header prefers Markdown to JSON.</summary>
    private static bool WantsMarkdown(HttpRequest request) =>
        MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted)
        && Quality(accepted, "text/markdown") > Quality(accepted, "application/json");

    private static double Quality(IList<MediaTypeHeaderValue> accepted, string mediaType) =>
        accepted.Where(a => a.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase)).Select(a => a.Quality ?? 1).DefaultIfEmpty(0).Max();
}

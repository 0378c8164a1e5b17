namespace Companion.Silo.Api.OpenApi;

/// <summary>The problem answers an endpoint or a group can give, for the OpenAPI document.</summary>
public static class ProblemResponses
{
    /// <summary>What a JSON body can be refused for: invalid (400), too large (413), not JSON (415).</summary>
    public static readonly int[] JsonBody = [StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType];

    /// <summary>Declares each of <paramref name="statuses"/> as answered with <c>application/problem+json</c>.</summary>
    public static TBuilder ProducesProblems<TBuilder>(this TBuilder builder, params int[] statuses)
        where TBuilder : IEndpointConventionBuilder
    {
        foreach (var status in statuses)
        {
            builder.ProducesProblem(status);
        }

        return builder;
    }
}

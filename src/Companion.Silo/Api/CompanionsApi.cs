using Companion.Domain.Commands;
using Companion.Domain.Projections;
using Companion.Grains;
using Companion.Silo.Api.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Companion.Silo.Api;

/// <summary>Companions, their personas, sessions and messages, and the memory context for the model.</summary>
public static class CompanionsApi
{
    public sealed record CompanionCreatedResponse(string CompanionId, long Version, bool Duplicate);

    public sealed record SessionResponse(string SessionId, long Version, bool Duplicate);

    /// <summary>A recorded message; <c>producerMismatch</c> is set when a companion message came from another producer than the pinned one (it is recorded all the same).</summary>
    public sealed record MessageResponse(string MessageId, long Version, bool Duplicate, ProducerMismatch? ProducerMismatch = null);

    public sealed record VersionResponse(string Id, long Version);

    public static RouteGroupBuilder MapCompanionsApi(this RouteGroupBuilder user)
    {
        var companions = user.MapGroup("/companions");
        companions.MapPost("/", Create).WithName("createCompanion").WithSummary("Create a companion with a persona.")
            .ProducesProblems(ProblemResponses.JsonBody);
        companions.MapCardsApi();
        companions.MapHistoriesApi();
        companions.MapLorebookApi();
        companions.MapAvatarApi();
        companions.MapPatch("/{companionId}/persona", RevisePersona).WithName("revisePersona").WithSummary("Revise some persona fields.")
            .ProducesProblems(ProblemResponses.JsonBody);
        companions.MapPost("/{companionId}/sessions", StartSession).WithName("startSession").WithSummary("Start a conversation session.")
            .ProducesProblems(ProblemResponses.JsonBody);
        companions.MapPost("/{companionId}/sessions/{sessionId}/messages", RecordMessage)
            .WithName("recordMessage")
            .WithSummary("Record a message; a repeated messageId returns the original result and writes nothing.")
            .ProducesProblems(ProblemResponses.JsonBody)
            .ProducesProblems(StatusCodes.Status409Conflict);
        companions.MapPost("/{companionId}/sessions/{sessionId}/end", EndSession).WithName("endSession").WithSummary("End a session.")
            .ProducesProblems(StatusCodes.Status409Conflict);
        companions.MapGet("/{companionId}/context", GetContext)
            .WithName("getContext")
            .ProducesProblems(StatusCodes.Status400BadRequest)
            .WithSummary("The memory context for the model: persona, lorebook entries whose keys occur in the recent messages (or 'query'), pinned memories, memories and past messages recalled for the query "
                + "(the newest user message unless 'query' is given), salient memories, recent messages; within 'budget' characters and, if given, 'budgetTokens' tokens of 'tokenizer' (cl100k, o200k).");
        return user;
    }

    private static async Task<Results<Created<CompanionCreatedResponse>, Ok<CompanionCreatedResponse>>> Create(
        string userId, CreateCompanionRequest body, IGrainFactory grains)
    {
        var result = await User(grains, userId).CreateCompanion(body.Name ?? "", (body.Persona ?? new PersonaBody()).ToPersona(), body.RequestId);
        var response = new CompanionCreatedResponse(result.Id, result.Version, result.Duplicate);
        return result.Duplicate ? TypedResults.Ok(response) : TypedResults.Created($"/v1/users/{userId}/companions/{result.Id}/context", response);
    }

    private static async Task<Ok<VersionResponse>> RevisePersona(string userId, string companionId, PersonaBody body, IGrainFactory grains)
    {
        var result = await User(grains, userId).RevisePersona(companionId, body.ToChanges(), body.Reason);
        return TypedResults.Ok(new VersionResponse(result.Id, result.Version));
    }

    private static async Task<Results<Created<SessionResponse>, Ok<SessionResponse>>> StartSession(
        string userId, string companionId, StartSessionRequest? body, IGrainFactory grains)
    {
        var result = await User(grains, userId).StartSession(companionId, body?.RequestId);
        var response = new SessionResponse(result.Id, result.Version, result.Duplicate);
        return result.Duplicate ? TypedResults.Ok(response) : TypedResults.Created((string?)null, response);
    }

    private static async Task<Results<Created<MessageResponse>, Ok<MessageResponse>>> RecordMessage(
        string userId, string companionId, string sessionId, MessageRequest body, IGrainFactory grains)
    {
        var result = await User(grains, userId).RecordMessage(companionId, sessionId, body.ParseRole(), body.Text ?? "", body.ToProducer(), body.MessageId);
        var response = new MessageResponse(result.Id, result.Version, result.Duplicate, result.ProducerMismatch);
        return result.Duplicate ? TypedResults.Ok(response) : TypedResults.Created((string?)null, response);
    }

    private static async Task<Ok<VersionResponse>> EndSession(string userId, string companionId, string sessionId, IGrainFactory grains)
    {
        var result = await User(grains, userId).EndSession(companionId, sessionId);
        return TypedResults.Ok(new VersionResponse(result.Id, result.Version));
    }

    private static async Task<Results<Ok<MemoryContext>, ProblemHttpResult>> GetContext(
        string userId, string companionId, IGrainFactory grains, int? budget, int? messages, string? query, int? budgetTokens, string? tokenizer)
    {
        var defaults = new MemoryContextOptions();
        var budgetChars = budget ?? defaults.BudgetChars;
        var maxMessages = messages ?? defaults.MaxMessages;
        if (budgetChars is < 1 or > MemoryContextOptions.MaxBudgetChars || maxMessages is < 0 or > Domain.State.CompanionState.RecentMessageWindow)
        {
            return Problems.Result(StatusCodes.Status400BadRequest, $"'budget' must be 1 to {MemoryContextOptions.MaxBudgetChars} characters and 'messages' 0 to {Domain.State.CompanionState.RecentMessageWindow}.");
        }

        if (budgetTokens is < 1 or > MemoryContextOptions.MaxBudgetChars || (tokenizer is not null && !Recall.ContextTokenizers.IsKnown(tokenizer)))
        {
            return Problems.Result(StatusCodes.Status400BadRequest,
                $"'budgetTokens' must be 1 to {MemoryContextOptions.MaxBudgetChars} and 'tokenizer' one of: {string.Join(", ", Recall.ContextTokenizers.Names)}.");
        }

        if (query is not null && (string.IsNullOrWhiteSpace(query) || query.Length > MemoryContextOptions.MaxQueryChars))
        {
            return Problems.Result(StatusCodes.Status400BadRequest, $"'query' must hold 1 to {MemoryContextOptions.MaxQueryChars} characters of text, or be left out (then the newest user message is the query).");
        }

        var request = new Domain.Projections.Recall.ContextRequest(budgetChars, maxMessages, query, budgetTokens, tokenizer ?? Recall.ContextTokenizers.Default);
        return TypedResults.Ok(await User(grains, userId).GetContextWithRecall(companionId, request));
    }

    internal static IUserGrain User(IGrainFactory grains, string userId) => grains.GetUserGrain(userId);
}

using System.Text.Json;
using Companion.Continuity.Lorebooks;
using Companion.Domain.Lorebooks;
using Companion.Silo.Api.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Companion.Silo.Api;

/// <summary>
/// A companion's lorebook: list it, import a whole book (a <c>character_book</c>, a <c>lorebook_v3</c>
/// file or a SillyTavern World Info file), and set, disable or remove one entry. Every change is an
/// event; the context uses the book as it is now.
/// </summary>
public static class LorebookApi
{
    /// <summary>The companion's lorebook as it is now; <see cref="Source"/> is null and the book empty when it has none.</summary>
    /// <param name="CompanionId">The companion.</param>
    /// <param name="Source">What the book was imported from: card, character_book, lorebook_v3, world_info, or entries (set one by one).</param>
    /// <param name="ImportedVersion">The version of the event that imported it.</param>
    /// <param name="ChangedVersion">The version of its latest change.</param>
    /// <param name="Book">The book: the Character Card V3 lorebook fields; extensions and fields outside the spec as JSON text.</param>
    public sealed record LorebookResponse(string CompanionId, string? Source, long? ImportedVersion, long? ChangedVersion, Lorebook Book);

    /// <summary>A book imported: the version that recorded it, what it was read as, how many entries it holds.</summary>
    public sealed record LorebookImportedResponse(string CompanionId, long Version, string Source, int Entries, IReadOnlyList<string> Warnings);

    /// <summary>An entry changed, at a version.</summary>
    public sealed record LorebookEntryResponse(string EntryId, long Version);

    private static readonly Lorebook Empty = new(null, null, null, null, null, null, [], null);

    internal static RouteGroupBuilder MapLorebookApi(this RouteGroupBuilder companions)
    {
        var lorebook = companions.MapGroup("/{companionId}/lorebook");
        lorebook.MapGet("/", Get)
            .WithName("getLorebook")
            .ProducesProblems(StatusCodes.Status404NotFound)
            .WithSummary("The companion's lorebook as it is now, every entry with its id.");
        lorebook.MapPost("/", Import)
            .WithName("importLorebook")
            .WithBodyLimit(CardsApi.MaxCardBytes)
            .ProducesProblems(ProblemResponses.JsonBody)
            .ProducesProblems(StatusCodes.Status404NotFound)
            .WithSummary("Replace the lorebook: a character_book, a {spec:'lorebook_v3',data} file, a card with data.character_book, or a SillyTavern World Info file.");
        lorebook.MapPut("/entries/{entryId}", SetEntry)
            .WithName("setLorebookEntry")
            .ProducesProblems(ProblemResponses.JsonBody)
            .ProducesProblems(StatusCodes.Status404NotFound)
            .WithSummary("Add or replace one entry, in character_book entry fields (keys, content, enabled, insertion_order, …).");
        lorebook.MapPost("/entries/{entryId}/disable", DisableEntry)
            .WithName("disableLorebookEntry")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
            .WithSummary("Disable an entry: it is kept and never matched until set with enabled: true.");
        lorebook.MapDelete("/entries/{entryId}", RemoveEntry)
            .WithName("removeLorebookEntry")
            .ProducesProblems(StatusCodes.Status404NotFound)
            .WithSummary("Remove an entry from the lorebook (the log keeps it).");
        return companions;
    }

    private static async Task<Ok<LorebookResponse>> Get(string userId, string companionId, IGrainFactory grains)
    {
        var lore = await CompanionsApi.User(grains, userId).GetLorebook(companionId);
        return TypedResults.Ok(new LorebookResponse(companionId, lore?.Source, lore?.ImportedVersion, lore?.ChangedVersion, lore?.Book ?? Empty));
    }

    private static async Task<Results<Ok<LorebookImportedResponse>, ProblemHttpResult>> Import(
        string userId, string companionId, JsonElement body, IGrainFactory grains)
    {
        LorebookReading reading;
        try
        {
            reading = LorebookReader.Read(body);
        }
        catch (LorebookFormatException e)
        {
            return Problems.Result(StatusCodes.Status400BadRequest, e.Message, "Invalid lorebook");
        }

        var result = await CompanionsApi.User(grains, userId).ImportLorebook(companionId, reading.Book, reading.Source);
        return TypedResults.Ok(new LorebookImportedResponse(companionId, result.Version, reading.Source, reading.Book.Entries.Length, reading.Warnings));
    }

    private static async Task<Results<Ok<LorebookEntryResponse>, ProblemHttpResult>> SetEntry(
        string userId, string companionId, string entryId, JsonElement body, IGrainFactory grains)
    {
        LorebookEntry entry;
        try
        {
            entry = LorebookReader.Entry(body, entryId);
        }
        catch (LorebookFormatException e)
        {
            return Problems.Result(StatusCodes.Status400BadRequest, e.Message, "Invalid lorebook entry");
        }

        var result = await CompanionsApi.User(grains, userId).SetLorebookEntry(companionId, entry);
        return TypedResults.Ok(new LorebookEntryResponse(entryId, result.Version));
    }

    private static async Task<Ok<LorebookEntryResponse>> DisableEntry(string userId, string companionId, string entryId, IGrainFactory grains)
    {
        var result = await CompanionsApi.User(grains, userId).DisableLorebookEntry(companionId, entryId);
        return TypedResults.Ok(new LorebookEntryResponse(entryId, result.Version));
    }

    private static async Task<Ok<LorebookEntryResponse>> RemoveEntry(string userId, string companionId, string entryId, IGrainFactory grains)
    {
        var result = await CompanionsApi.User(grains, userId).RemoveLorebookEntry(companionId, entryId);
        return TypedResults.Ok(new LorebookEntryResponse(entryId, result.Version));
    }
}

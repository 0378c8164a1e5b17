using System.Text.Json;
using System.Text.Json.Serialization;

namespace Companion.Cli.Simulate;

/// <summary>The seed texts the simulator samples from: personas, journal practices, demo users, conversation lines.</summary>
internal sealed record SeedCatalog(
    IReadOnlyList<SeedPersona> Personas,
    JournalSeeds Journal,
    IReadOnlyList<DemoUser> Users,
    ConversationLines Lines)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Reads every seed file under <paramref name="directory"/>; throws <see cref="InvalidDataException"/> naming the file that is missing or wrong.</summary>
    public static SeedCatalog Load(DirectoryInfo directory)
    {
        var personaFiles = new DirectoryInfo(Path.Combine(directory.FullName, "personas")).GetFiles("*.json").OrderBy(f => f.Name).ToArray();
        if (personaFiles.Length == 0)
        {
            throw new InvalidDataException($"no personas/*.json in {directory.FullName}.");
        }

        var personas = personaFiles.Select(f => Read<PersonaCard>(f.FullName).Data).ToArray();
        var journal = Read<JournalSeeds>(Path.Combine(directory.FullName, "journal-prompts.json"));
        var users = Read<DemoUsers>(Path.Combine(directory.FullName, "demo-users.json")).Users;
        var lines = Read<ConversationLines>(Path.Combine(directory.FullName, "conversation-lines.json"));
        if (journal.Prompts.Count == 0 || journal.Moods.Count == 0 || users.Count == 0 || lines.User.Count == 0 || lines.Companion.Count == 0 || lines.Memories.Count == 0)
        {
            throw new InvalidDataException($"the seed files in {directory.FullName} need at least one prompt, mood, demo user, user line, companion line and memory.");
        }

        return new SeedCatalog(personas, journal, users, lines);
    }

    /// <summary>The <c>seeds</c> folder above the current directory, or next to the executable; null when there is none.</summary>
    public static DirectoryInfo? Find(string currentDirectory)
    {
        for (var dir = new DirectoryInfo(currentDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = new DirectoryInfo(Path.Combine(dir.FullName, "seeds"));
            if (Directory.Exists(Path.Combine(candidate.FullName, "personas")))
            {
                return candidate;
            }
        }

        var beside = new DirectoryInfo(Path.Combine(AppContext.BaseDirectory, "seeds"));
        return Directory.Exists(Path.Combine(beside.FullName, "personas")) ? beside : null;
    }

    private static T Read<T>(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"missing seed file {path}.");
        }

        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), Json) ?? throw new InvalidDataException($"{path} is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not valid seed JSON: {e.Message}", e);
        }
    }

    private sealed record PersonaCard(string Spec, SeedPersona Data);

    private sealed record DemoUsers(IReadOnlyList<DemoUser> Users);
}

/// <summary>The <c>data</c> of a Character Card V2.</summary>
internal sealed record SeedPersona(
    string Name,
    string Description,
    string Personality,
    string Scenario,
    [property: JsonPropertyName("first_mes")] string FirstMessage,
    [property: JsonPropertyName("mes_example")] string ExampleMessages,
    [property: JsonPropertyName("system_prompt")] string SystemPrompt,
    [property: JsonPropertyName("creator_notes")] string CreatorNotes,
    IReadOnlyList<string> Tags);

/// <summary>A journaling practice: its label, how often, a short prompt and example entries.</summary>
internal sealed record JournalPrompt(string Kind, string Cadence, string Prompt, IReadOnlyList<string> Examples);

internal sealed record JournalSeeds(IReadOnlyList<string> Moods, IReadOnlyList<JournalPrompt> Prompts);

internal sealed record DemoUser(string DisplayName, IReadOnlyList<string> Personas);

internal sealed record SeedMemory(string Text, string Kind);

internal sealed record ConversationLines(IReadOnlyList<string> User, IReadOnlyList<string> Companion, IReadOnlyList<SeedMemory> Memories);

namespace Companion.Continuity.Tests;

/// <summary>Archives outlive the software that wrote them: what a later version may render or shape differently is not held against them.</summary>
public sealed class ArchiveCompatibilityTests
{
    [Fact]
    public async Task Readable_files_of_an_archive_from_another_software_version_are_checked_for_presence_not_bytes()
    {
        var archive = await Archives.WriteAsync(History.Sample().Envelopes);
        var older = Archives.Rewrite(archive, (name, content) => name switch
        {
            ArchiveFormat.ManifestEntry => System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(content)
                .Replace($"\"producer\": \"{ArchiveWriter.Producer}\"", "\"producer\": \"Companion.Grains 0.0.1\"")),
            ArchiveFormat.JournalEntry => "Journal, as an older release rendered it."u8.ToArray(),
            _ => content,
        });

        var verification = await Archives.VerifyAsync(older);

        Assert.True(verification.IsValid, verification.Describe());
        Assert.Contains(verification.Notes, n => n.Contains("checked for presence, not compared", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_snapshot_of_another_state_schema_is_not_compared_and_the_events_decide()
    {
        var archive = Archives.RewriteText(await Archives.WriteAsync(History.Sample().Envelopes), ArchiveFormat.SnapshotEntry,
            text => text.Replace($"\"stateSchemaVersion\":{Companion.Domain.State.UserState.SchemaVersion}", "\"stateSchemaVersion\":0").Replace("\"displayName\":\"Robin\"", "\"name\":\"Robin\""));

        var verification = await Archives.VerifyAsync(archive);

        Assert.True(verification.IsValid, verification.Describe());
        Assert.Contains(verification.Notes, n => n.StartsWith("snapshot.json holds state schema 0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_archive_from_this_software_verifies_without_notes()
    {
        var verification = await Archives.VerifyAsync(await Archives.WriteAsync(History.Sample().Envelopes));

        Assert.True(verification.IsValid, verification.Describe());
        Assert.Empty(verification.Notes);
    }
}

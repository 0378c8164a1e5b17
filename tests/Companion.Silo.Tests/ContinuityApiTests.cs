using System.Net;
using System.Net.Http.Json;
using Companion.Continuity.Verification;
using Companion.EventLog;
using Companion.History;

namespace Companion.Silo.Tests;

public sealed class ContinuityApiTests(ContinuityFixture silos) : IClassFixture<ContinuityFixture>
{
    [Fact]
    public async Task An_export_verifies_and_restores_into_a_fresh_silo_with_the_same_events_byte_for_byte()
    {
        var (userId, client) = await silos.Source.NewUserWithHistoryAsync();

        var response = await client.GetAsync($"/v1/users/{userId}/export");
        var archive = await response.Content.ReadAsByteArrayAsync();
        var verification = await new ArchiveVerifier(EventTypeRegistry.ForUserEvents()).VerifyAsync(new MemoryStream(archive));
        var imported = await silos.Target.Admin().ImportAsync(archive).Expect(HttpStatusCode.Created);
        var restored = silos.Target.ClientWith(imported.GetProperty("token").GetString());
        var again = await restored.ExportAsync(userId);

        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"attachment; filename=companion-{userId}-v66.zip", response.Content.Headers.ContentDisposition?.ToString());
        Assert.Equal(archive.Length, response.Content.Headers.ContentLength); // said before the first byte, so a client can show progress
        Assert.True(verification.IsValid, verification.Describe());
        Assert.Equal(userId, imported.GetProperty("userId").GetString());
        Assert.Equal(66, imported.GetProperty("version").GetInt64());
        Assert.Equal(Archives.HeadHash(archive), imported.GetProperty("headHash").GetString());
        Assert.Equal(Archives.Entry(archive, "events.jsonl"), Archives.Entry(again, "events.jsonl"));
        Assert.Equal(Archives.HeadHash(archive), Archives.HeadHash(again));
        Assert.Equal(
            (await client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/v1/users/{userId}/state")).GetRawText(),
            (await restored.GetFromJsonAsync<System.Text.Json.JsonElement>($"/v1/users/{userId}/state")).GetRawText());
    }

    [Fact]
    public async Task A_restored_user_goes_on_writing_after_the_imported_head()
    {
        var (userId, client) = await silos.Source.NewUserWithHistoryAsync(messages: 2);
        var imported = await silos.Target.Admin().ImportAsync(await client.ExportAsync(userId)).Expect(HttpStatusCode.Created);
        var restored = silos.Target.ClientWith(imported.GetProperty("token").GetString());

        var entry = await restored.PostAsJsonAsync($"/v1/users/{userId}/journal", new { text = "Back again." }).Expect(HttpStatusCode.Created);

        Assert.Equal(imported.GetProperty("version").GetInt64() + 1, entry.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task Import_into_a_user_that_already_has_events_is_refused_with_409_and_writes_nothing()
    {
        var (userId, client) = await silos.Source.NewUserWithHistoryAsync(messages: 2);
        var archive = await client.ExportAsync(userId);
        var before = await client.HeadVersionAsync(userId);

        var problem = await silos.Source.Admin().ImportAsync(archive).Expect(HttpStatusCode.Conflict);

        Assert.Contains($"User '{userId}' already has {before} events", problem.GetProperty("detail").GetString());
        Assert.Equal(before, await client.HeadVersionAsync(userId));
    }

    [Fact]
    public async Task Import_refuses_a_tampered_archive_with_400_and_writes_nothing()
    {
        var (userId, client) = await silos.Source.NewUserWithHistoryAsync(messages: 2);
        var tampered = Archives.Rewrite(await client.ExportAsync(userId), "events.jsonl", Archives.FlipPayloadByteOfLine5);

        var problem = await silos.Target.Admin().ImportAsync(tampered).Expect(HttpStatusCode.BadRequest);

        Assert.Contains("events.jsonl line 5: Version 5: hash is ", problem.GetProperty("detail").GetString());
        Assert.Equal(0, await silos.Target.HeadVersionAsync(userId));
    }

    [Fact]
    public async Task An_archive_keeps_payloads_encrypted_as_stored_and_carries_the_users_key_to_read_them()
    {
        var (userId, client) = await silos.Source.NewUserWithHistoryAsync(messages: 2);
        var archive = await client.ExportAsync(userId);

        var events = System.Text.Encoding.UTF8.GetString(Archives.Entry(archive, "events.jsonl"));
        var key = System.Text.Json.JsonDocument.Parse(Archives.Entry(archive, "key.json")).RootElement;

        Assert.DoesNotContain("Line 1.", events);
        Assert.Contains("\"payload\":\"cge1:", events);
        Assert.Equal(("companion-data-key", userId, "AES-256-GCM"), (key.GetProperty("format").GetString(), key.GetProperty("userId").GetString(), key.GetProperty("algorithm").GetString()));
        Assert.Equal(32, key.GetProperty("key").GetBytesFromBase64().Length);
        Assert.Contains("Line 1.", System.Text.Encoding.UTF8.GetString(Archives.Entry(archive, $"conversations/{Archives.FirstTranscript(archive)}")));
    }

    [Fact]
    public async Task Import_refuses_an_archive_whose_key_is_missing_or_wrong_with_400_and_writes_nothing()
    {
        var (userId, client) = await silos.Source.NewUserWithHistoryAsync(messages: 2);
        var archive = await client.ExportAsync(userId);
        var withoutKey = Archives.Without(archive, "key.json");
        var otherKey = Archives.Rewrite(archive, "key.json", text => System.Text.RegularExpressions.Regex.Replace(
            text, "\"key\": \"[^\"]+\"", $"\"key\": \"{Convert.ToBase64String(new byte[32])}\""));

        var missing = await silos.Target.Admin().ImportAsync(withoutKey).Expect(HttpStatusCode.BadRequest);
        var wrong = await silos.Target.Admin().ImportAsync(otherKey).Expect(HttpStatusCode.BadRequest);

        var head = Archives.HeadHash(archive);
        Assert.Contains($"The archive has no key.json, and 8 of its 8 events are encrypted: their hash chain verifies through version 8 (head {head})", missing.GetProperty("detail").GetString());
        Assert.Contains("events.jsonl line 1: version 1: the payload does not decrypt with this user's key", wrong.GetProperty("detail").GetString());
        Assert.Equal(0, await silos.Target.HeadVersionAsync(userId));
        await silos.Target.Admin().ImportAsync(archive).Expect(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Import_refuses_an_archive_with_a_wrong_manifest_with_400()
    {
        var (userId, client) = await silos.Source.NewUserWithHistoryAsync(messages: 2);
        var archive = await client.ExportAsync(userId);
        var wrong = Archives.Rewrite(archive, "manifest.json", text => text.Replace(Archives.HeadHash(archive), new string('b', 64)));

        var problem = await silos.Target.Admin().ImportAsync(wrong).Expect(HttpStatusCode.BadRequest);

        Assert.Contains("manifest.json: headHash is bbbb", problem.GetProperty("detail").GetString());
        Assert.Equal(0, await silos.Target.HeadVersionAsync(userId));
    }

    [Theory]
    [InlineData("../evil.md")]
    [InlineData("/evil.md")]
    [InlineData("notes.txt")]
    public async Task Import_refuses_an_archive_with_an_unexpected_or_escaping_entry_name_with_400(string name)
    {
        var (userId, client) = await silos.Source.NewUserWithHistoryAsync(messages: 2);
        var archive = Archives.Rewrite(await client.ExportAsync(userId), "journal.md", text => text, name);

        var problem = await silos.Target.Admin().ImportAsync(archive).Expect(HttpStatusCode.BadRequest);

        Assert.Contains($"Entry '{name}'", problem.GetProperty("detail").GetString());
        Assert.Equal(0, await silos.Target.HeadVersionAsync(userId));
    }

    [Fact]
    public async Task An_export_of_long_repetitive_messages_verifies_and_imports_however_well_it_compresses()
    {
        var (userId, client) = await silos.Source.NewUserAsync();
        var companionId = await client.NewCompanionAsync(userId);
        var sessionId = await client.NewSessionAsync(userId, companionId);
        for (var i = 0; i < 3; i++)
        {
            await client.SayAsync(userId, companionId, sessionId, "A" + new string('a', 31_998) + "h").Expect(HttpStatusCode.Created);
        }

        var archive = await client.ExportAsync(userId);
        var verification = await new ArchiveVerifier(EventTypeRegistry.ForUserEvents()).VerifyAsync(new MemoryStream(archive));
        var imported = await silos.Target.Admin().ImportAsync(archive).Expect(HttpStatusCode.Created);

        Assert.True(verification.IsValid, verification.Describe());
        Assert.Equal(Archives.HeadHash(archive), imported.GetProperty("headHash").GetString());
    }

    [Fact]
    public async Task Import_refuses_a_zip_with_bytes_in_front_of_it_with_400_and_writes_nothing()
    {
        var (userId, client) = await silos.Source.NewUserWithHistoryAsync(messages: 2);
        var prefixed = "#!/bin/sh\nexit 0\n"u8.ToArray().Concat(await client.ExportAsync(userId)).ToArray();

        var problem = await silos.Target.Admin().ImportAsync(prefixed).Expect(HttpStatusCode.BadRequest);

        Assert.Contains("This is not a zip archive", problem.GetProperty("detail").GetString());
        Assert.Equal(0, await silos.Target.HeadVersionAsync(userId));
    }

    [Fact]
    public async Task Import_refuses_an_entry_whose_checksum_does_not_match_with_400_naming_it()
    {
        var (userId, client) = await silos.Source.NewUserWithHistoryAsync(messages: 2);
        var archive = await client.ExportAsync(userId);
        var forged = Archives.WithCrcOf(archive, "journal.md", crc => crc ^ 1);

        var problem = await silos.Target.Admin().ImportAsync(forged).Expect(HttpStatusCode.BadRequest);

        Assert.Contains("Entry 'journal.md' fails its CRC-32 check", problem.GetProperty("detail").GetString());
        Assert.Equal(0, await silos.Target.HeadVersionAsync(userId));
    }

    [Fact]
    public async Task Import_takes_a_body_larger_than_the_global_limit_but_not_larger_than_its_own()
    {
        var (userId, client) = await silos.Source.NewUserWithHistoryAsync(messages: 2);
        var companionId = await client.NewCompanionAsync(userId, "Kai");
        var sessionId = await client.NewSessionAsync(userId, companionId);
        for (var i = 0; i < 4; i++)
        {
            var noise = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(22_000));
            await client.SayAsync(userId, companionId, sessionId, noise).Expect(HttpStatusCode.Created);
        }

        var archive = await client.ExportAsync(userId);
        Assert.True(archive.Length > 65536, $"the archive is {archive.Length} bytes; it must pass the silo's global limit of 65536");

        await silos.Small.Admin().ImportAsync(archive).Expect(HttpStatusCode.RequestEntityTooLarge);
        await silos.Target.Admin().ImportAsync(archive).Expect(HttpStatusCode.Created);
        Assert.Equal(0, await silos.Small.HeadVersionAsync(userId));
    }

    [Fact]
    public async Task Import_needs_the_admin_token_and_a_zip_body()
    {
        var (userId, client) = await silos.Source.NewUserWithHistoryAsync(messages: 2);
        var archive = await client.ExportAsync(userId);

        await client.ImportAsync(archive).Expect(HttpStatusCode.Forbidden);
        await silos.Target.Admin().ImportAsync(archive, "application/json").Expect(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Only_the_user_s_own_token_exports_the_archive_which_holds_their_words()
    {
        var (userId, client) = await silos.Source.NewUserWithHistoryAsync(messages: 2);
        var (_, other) = await silos.Source.NewUserAsync("Mallory");

        await other.GetAsync($"/v1/users/{userId}/export").Expect(HttpStatusCode.Forbidden);
        var byOperator = await silos.Source.Admin().GetAsync($"/v1/users/{userId}/export").Expect(HttpStatusCode.Forbidden);
        Assert.Contains("the user's own token", byOperator.GetProperty("detail").GetString());
        Assert.NotEmpty(await client.ExportAsync(userId));
    }
}

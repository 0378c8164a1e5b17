using System.Buffers.Binary;
using System.IO.Hashing;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Companion.Continuity.Cards;

namespace Companion.Silo.Tests;

/// <summary>
/// A card's image is kept as the companion's picture and drawn again on the way out; a picture can
/// be set, read and removed on its own, each change an event; cards also come as a multipart upload.
/// </summary>
public sealed class AvatarApiTests(SiloFactory silo) : IClassFixture<SiloFactory>
{
    private static readonly byte[] V2Card = Encoding.UTF8.GetBytes("{\"spec\":\"chara_card_v2\",\"spec_version\":\"2.0\",\"data\":{\"name\":\"Moss\",\"description\":\"A quiet gardener.\"}}");

    private static readonly JsonObject V3Card = new()
    {
        ["spec"] = "chara_card_v3",
        ["spec_version"] = "3.0",
        ["data"] = new JsonObject
        {
            ["name"] = "Moss", ["description"] = "A quiet gardener.", ["creator"] = "someone", ["character_version"] = "1.0.0", ["group_only_greetings"] = new JsonArray(),
            ["assets"] = new JsonArray(new JsonObject { ["type"] = "icon", ["uri"] = "ccdefault:", ["name"] = "main", ["ext"] = "png" }),
            ["extensions"] = new JsonObject { ["depth_prompt"] = new JsonObject { ["prompt"] = "Softly.", ["depth"] = 4 } },
        },
    };

    // A 2×1 image of the card's own, split over two IDAT chunks, with a text chunk of its own: none of it may change.
    private static byte[] Picture() => Png(
        ("IHDR", [0, 0, 0, 2, 0, 0, 0, 1, 8, 2, 0, 0, 0]),
        ("tEXt", [.. "Software"u8, 0, .. "a painter"u8]),
        ("IDAT", [0x78, 0x9C, 0x63, 0x60]),
        ("IDAT", [0xF8, 0xCF, 0xC0, 0xF0, 0x1F, 0x00, 0x05, 0x00, 0x02, 0xFF]),
        ("IEND", []));

    [Fact]
    public async Task A_png_card_goes_in_and_comes_out_drawn_on_its_own_image_with_the_same_card()
    {
        var (userId, client) = await silo.NewUserAsync();
        var picture = Picture();
        var card = PngCardWriter.Write(V2Card, Encoding.UTF8.GetBytes(V3Card.ToJsonString()), "x", picture);

        var created = await client.PostAsync($"/v1/users/{userId}/companions/from-card", Bytes(card, "image/png")).Expect(HttpStatusCode.Created);
        var companionId = created.GetProperty("companionId").GetString();
        var avatar = await client.GetAsync($"/v1/users/{userId}/companions/{companionId}/avatar");
        var exported = await client.GetByteArrayAsync($"/v1/users/{userId}/companions/{companionId}/card?format=png");
        var (json, keyword, _, drawnOn) = PngCardReader.Read(exported);

        Assert.DoesNotContain(created.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("image", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, avatar.StatusCode);
        Assert.Equal("image/png", avatar.Content.Headers.ContentType?.MediaType);
        Assert.Equal(picture, await avatar.Content.ReadAsByteArrayAsync());
        Assert.Equal(picture, drawnOn);
        Assert.Equal("ccv3", keyword);
        var back = JsonNode.Parse(json)!;
        back["data"]!["extensions"]!.AsObject().Remove(CharacterCardWriter.ExtensionKey);
        Assert.True(JsonNode.DeepEquals(V3Card, back), back.ToJsonString());
        var events = await client.GetAsync($"/v1/users/{userId}/events?from=2").Expect(HttpStatusCode.OK);
        Assert.Equal(["companion-created", "companion-avatar-set"], events.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task A_picture_is_set_read_and_removed_each_as_an_event_and_the_same_bytes_again_write_nothing()
    {
        var (userId, client) = await silo.NewUserAsync();
        var companionId = await client.NewCompanionAsync(userId);
        var path = $"/v1/users/{userId}/companions/{companionId}/avatar";
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, .. "JFIF"u8, 0, 1, 2, 3];

        await client.GetAsync(path).Expect(HttpStatusCode.NotFound);
        var set = await client.PutAsync(path, Bytes(jpeg, "application/octet-stream")).Expect(HttpStatusCode.OK);
        var again = await client.PutAsync(path, Bytes(jpeg, "image/jpeg")).Expect(HttpStatusCode.OK);
        var read = await client.GetAsync(path);
        var charx = new System.IO.Compression.ZipArchive(new MemoryStream(await client.GetByteArrayAsync($"/v1/users/{userId}/companions/{companionId}/card?format=charx")));
        var removed = await client.DeleteAsync(path).Expect(HttpStatusCode.OK);
        var removedAgain = await client.DeleteAsync(path).Expect(HttpStatusCode.OK);

        Assert.False(set.GetProperty("duplicate").GetBoolean());
        Assert.Equal((set.GetProperty("version").GetInt64(), true), (again.GetProperty("version").GetInt64(), again.GetProperty("duplicate").GetBoolean()));
        Assert.Equal("image/jpeg", read.Content.Headers.ContentType?.MediaType);
        Assert.Equal(jpeg, await read.Content.ReadAsByteArrayAsync());
        Assert.NotNull(charx.GetEntry("assets/icon/images/main.jpg"));
        Assert.Equal(set.GetProperty("version").GetInt64() + 1, removed.GetProperty("version").GetInt64());
        Assert.True(removedAgain.GetProperty("duplicate").GetBoolean());
        await client.GetAsync(path).Expect(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_picture_that_is_no_image_or_too_large_is_refused_saying_why_and_writes_nothing()
    {
        var (userId, client) = await silo.NewUserAsync();
        var companionId = await client.NewCompanionAsync(userId);
        var path = $"/v1/users/{userId}/companions/{companionId}/avatar";
        var head = await client.HeadVersionAsync(userId);

        var notImage = await client.PutAsync(path, Bytes("<svg onload=alert(1)>"u8.ToArray(), "image/svg+xml")).Expect(HttpStatusCode.BadRequest);
        var tooLarge = await client.PutAsync(path, Bytes([.. Picture(), .. new byte[1024 * 1024]], "image/png"));

        Assert.Contains("not a PNG, JPEG, WebP or GIF", notImage.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal(head, await client.HeadVersionAsync(userId));
    }

    [Fact]
    public async Task A_card_comes_as_the_one_file_of_a_multipart_upload_and_other_fields_are_named_in_the_warnings()
    {
        var (userId, client) = await silo.NewUserAsync();
        var card = PngCardWriter.Write(V2Card, Encoding.UTF8.GetBytes(V3Card.ToJsonString()), "x", Picture());
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(card), "file", "Moss.png" },
            { new StringContent("hello"), "note" },
        };

        var created = await client.PostAsync($"/v1/users/{userId}/companions/from-card", form).Expect(HttpStatusCode.Created);

        Assert.Contains(created.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("'note'", StringComparison.Ordinal));
        Assert.Equal(Picture(), await client.GetByteArrayAsync($"/v1/users/{userId}/companions/{created.GetProperty("companionId").GetString()}/avatar"));
    }

    [Fact]
    public async Task A_multipart_upload_with_two_files_or_none_or_no_card_is_refused_saying_what_and_writes_nothing()
    {
        var (userId, client) = await silo.NewUserAsync();
        var path = $"/v1/users/{userId}/companions/from-card";
        using var two = new MultipartFormDataContent { { new ByteArrayContent(V2Card), "a", "a.json" }, { new ByteArrayContent(V2Card), "b", "b.json" } };
        using var none = new MultipartFormDataContent { { new StringContent("x"), "note" } };
        using var text = new MultipartFormDataContent { { new ByteArrayContent("just words"u8.ToArray()), "file", "notes.txt" } };

        var twoFiles = await client.PostAsync(path, two).Expect(HttpStatusCode.BadRequest);
        var noFile = await client.PostAsync(path, none).Expect(HttpStatusCode.BadRequest);
        var notACard = await client.PostAsync(path, text).Expect(HttpStatusCode.UnsupportedMediaType);

        Assert.Contains("more than one file", twoFiles.GetProperty("detail").GetString());
        Assert.Contains("no file", noFile.GetProperty("detail").GetString());
        Assert.Contains("'notes.txt' is not a card", notACard.GetProperty("detail").GetString());
        Assert.Equal(1, await client.HeadVersionAsync(userId));
    }

    private static ByteArrayContent Bytes(byte[] body, string mediaType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return content;
    }

    private static byte[] Png(params (string Type, byte[] Data)[] chunks)
    {
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        foreach (var (type, data) in chunks)
        {
            var word = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(word, (uint)data.Length);
            png.Write(word);
            byte[] typed = [.. Encoding.ASCII.GetBytes(type), .. data];
            png.Write(typed);
            BinaryPrimitives.WriteUInt32BigEndian(word, Crc32.HashToUInt32(typed));
            png.Write(word);
        }

        return png.ToArray();
    }
}

using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Text;
using System.Text.Json.Nodes;
using Companion.Continuity.Cards;

namespace Companion.Continuity.Tests;

/// <summary>Card files in every form are read whole, and hostile ones are refused saying why, before anything large is allocated.</summary>
public sealed class CardFileTests
{
    private static readonly byte[] V3Card = Encoding.UTF8.GetBytes(
        "{\"spec\":\"chara_card_v3\",\"spec_version\":\"3.0\",\"data\":{\"name\":\"Moss\",\"character_version\":\"1.0.0\",\"group_only_greetings\":[],\"x\":{\"y\":[1,2]}},\"top\":true}");

    private static readonly byte[] V2Card = Encoding.UTF8.GetBytes("{\"spec\":\"chara_card_v2\",\"spec_version\":\"2.0\",\"data\":{\"name\":\"Old\"}}");

    [Fact]
    public void A_png_card_is_read_from_its_ccv3_chunk_which_wins_over_chara_and_keeps_every_field()
    {
        var png = PngCardWriter.Write(V2Card, V3Card, "seed");

        var reading = CardFile.Read(png, CardMedia.Png);

        Assert.Equal("Moss", reading.Name);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(V3Card), JsonNode.Parse(reading.Persona.Card!)));
        Assert.DoesNotContain(reading.Warnings, w => w.Contains("image", StringComparison.Ordinal));
        Assert.Equal("card-png", reading.Picture?.Source);
    }

    [Fact]
    public void A_png_card_s_picture_is_the_same_png_without_its_card_chunks_and_a_card_written_on_it_keeps_every_other_chunk()
    {
        var original = Png(("IHDR", Header()), ("tEXt", Text("Title", "Moss"u8.ToArray())), ("tEXt", Text("chara", V2Card)),
            ("IDAT", [1, 2, 3, 4]), ("tEXt", Text("ccv3", V3Card)), ("IDAT", [5, 6]), ("IEND", []));

        var picture = CardFile.Read(original, CardMedia.Png).Picture!.Bytes;
        var written = PngCardWriter.Write(V2Card, V3Card, "seed", picture);
        var (json, keyword, _, again) = PngCardReader.Read(written);

        Assert.Equal(Png(("IHDR", Header()), ("tEXt", Text("Title", "Moss"u8.ToArray())), ("IDAT", [1, 2, 3, 4]), ("IDAT", [5, 6]), ("IEND", [])), picture);
        Assert.Equal(picture, again);
        Assert.Equal("ccv3", keyword);
        Assert.Equal(V3Card, json);
    }

    [Fact]
    public void A_picture_that_is_not_a_whole_png_draws_the_generated_image()
    {
        var generated = PngCardWriter.Write(V2Card, V3Card, "seed");

        Assert.Equal(generated, PngCardWriter.Write(V2Card, V3Card, "seed", [0xFF, 0xD8, 0xFF, 0xE0, 1, 2]));
        Assert.Equal(generated, PngCardWriter.Write(V2Card, V3Card, "seed", Png(("IHDR", Header()))[..^4]));
    }

    [Fact]
    public void A_charx_icon_becomes_the_picture_and_a_charx_written_with_it_puts_it_where_the_card_points()
    {
        byte[] icon = [.. Png(("IHDR", Header()), ("IDAT", [9, 9]), ("IEND", []))];
        var card = JsonNode.Parse(V3Card)!;
        card["data"]!["assets"] = new JsonArray(new JsonObject { ["type"] = "icon", ["uri"] = "embeded://assets/icon/images/face.png", ["name"] = "main", ["ext"] = "png" });
        var json = Encoding.UTF8.GetBytes(card.ToJsonString());
        var charx = Zip(("card.json", json), ("assets/icon/images/face.png", icon));

        var reading = CardFile.Read(charx, CardMedia.Charx);
        using var written = new ZipArchive(new MemoryStream(CharxWriter.Write(json, reading.Picture!.Bytes, "image/png")));

        Assert.Equal("charx", reading.Picture.Source);
        Assert.Equal(icon, reading.Picture.Bytes);
        Assert.DoesNotContain(reading.Warnings, w => w.Contains("face.png", StringComparison.Ordinal));
        Assert.Equal(["assets/icon/images/face.png", "card.json"], written.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        using var kept = new MemoryStream();
        written.GetEntry("assets/icon/images/face.png")!.Open().CopyTo(kept);
        Assert.Equal(icon, kept.ToArray());
    }

    [Fact]
    public void A_charx_written_for_a_card_without_an_embedded_icon_gains_one_named_main()
    {
        var written = new ZipArchive(new MemoryStream(CharxWriter.Write(V3Card, [0xFF, 0xD8, 0xFF, 0xE0], "image/jpeg")));
        using var card = new MemoryStream();
        written.GetEntry("card.json")!.Open().CopyTo(card);

        var asset = JsonNode.Parse(card.ToArray())!["data"]!["assets"]![0]!;
        Assert.Equal(("icon", "embeded://assets/icon/images/main.jpg", "main"), (asset["type"]!.GetValue<string>(), asset["uri"]!.GetValue<string>(), asset["name"]!.GetValue<string>()));
        Assert.NotNull(written.GetEntry("assets/icon/images/main.jpg"));
    }

    [Fact]
    public void A_png_keyword_is_read_in_any_case()
    {
        var png = Png(("IHDR", Header()), ("tEXt", Text("CHARA", V2Card)), ("IEND", []));

        Assert.Equal("Old", CardFile.Read(png, CardMedia.Png).Name);
    }

    [Fact]
    public void A_png_with_a_bad_crc_is_refused_as_damaged()
    {
        var png = PngCardWriter.Write(V2Card, V3Card, "seed");
        png[^20] ^= 0xFF; // inside the IDAT chunk's data

        var e = Assert.Throws<CardFormatException>(() => CardFile.Read(png, CardMedia.Png));

        Assert.Contains("CRC-32", e.Message, StringComparison.Ordinal);
        Assert.False(e.TooLarge);
    }

    [Fact]
    public void A_png_chunk_claiming_four_gigabytes_is_refused_as_too_large()
    {
        var png = Png(("IHDR", Header()));
        var huge = new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, (byte)'t', (byte)'E', (byte)'X', (byte)'t', 0, 0, 0, 0 };

        var e = Assert.Throws<CardFormatException>(() => CardFile.Read([.. png, .. huge], CardMedia.Png));

        Assert.True(e.TooLarge);
        Assert.Contains("claims 4294967295 bytes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_png_with_a_thousand_text_chunks_is_refused()
    {
        var chunks = new List<(string, byte[])> { ("IHDR", Header()) };
        chunks.AddRange(Enumerable.Range(0, 1_000).Select(i => ("tEXt", Text($"k{i}", "x"u8.ToArray()))));
        chunks.Add(("IEND", []));

        var e = Assert.Throws<CardFormatException>(() => CardFile.Read(Png([.. chunks]), CardMedia.Png));

        Assert.True(e.TooLarge);
        Assert.Contains($"more than {PngCardReader.MaxTextChunks} text chunks", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_png_is_refused_saying_where()
    {
        var png = PngCardWriter.Write(V2Card, V3Card, "seed");

        var e = Assert.Throws<CardFormatException>(() => CardFile.Read(png[..(png.Length - 30)], CardMedia.Png));

        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_png_without_a_card_chunk_is_refused()
    {
        var e = Assert.Throws<CardFormatException>(() => CardFile.Read(Png(("IHDR", Header()), ("IEND", [])), CardMedia.Png));

        Assert.Contains("no 'tEXt' chunk named 'chara' or 'ccv3'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_charx_card_is_read_and_its_embedded_assets_are_named_as_not_kept()
    {
        var card = "{\"spec\":\"chara_card_v3\",\"spec_version\":\"3.0\",\"data\":{\"name\":\"Moss\",\"assets\":[{\"type\":\"icon\",\"uri\":\"embeded://assets/icon/main.png\",\"name\":\"main\",\"ext\":\"png\"}]}}";
        var charx = Zip(("card.json", Encoding.UTF8.GetBytes(card)), ("assets/icon/main.png", [1, 2, 3]));

        var reading = CardFile.Read(charx, CardMedia.Charx);

        Assert.Equal("Moss", reading.Name);
        Assert.Contains(reading.Warnings, w => w.Contains("embeded://assets/icon/main.png", StringComparison.Ordinal));
        Assert.Contains("embeded://assets/icon/main.png", reading.Persona.Card, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../evil.txt")]
    [InlineData("/etc/passwd")]
    [InlineData("assets\\..\\x")]
    public void A_charx_with_a_name_that_leaves_the_archive_is_refused(string name)
    {
        var charx = Zip(("card.json", V3Card), (name, [1]));

        var e = Assert.Throws<CardFormatException>(() => CardFile.Read(charx, CardMedia.Charx));

        Assert.Contains($"'{name}' is refused", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_charx_whose_card_json_unpacks_beyond_the_limit_is_refused_as_a_bomb()
    {
        var bomb = new byte[CharxReader.MaxCardJsonBytes + 1]; // zeros: compresses to a few kilobytes
        var charx = Zip(("card.json", bomb));

        var e = Assert.Throws<CardFormatException>(() => CardFile.Read(charx, CardMedia.Charx));

        Assert.True(e.TooLarge);
        Assert.True(charx.Length < 100_000);
        Assert.Contains("'card.json' unpacks to", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_v1_card_is_read_as_v2_with_every_field_under_data()
    {
        var v1 = "{\"name\":\"Flat\",\"description\":\"d\",\"personality\":\"p\",\"scenario\":\"s\",\"first_mes\":\"hi\",\"mes_example\":\"ex\",\"odd\":7}";

        var reading = CardFile.Read(Encoding.UTF8.GetBytes(v1), CardMedia.Json);

        Assert.Equal(("Flat", "d", "p", "s", "hi", "ex"), (reading.Name, reading.Persona.Description, reading.Persona.Personality,
            reading.Persona.Scenario, reading.Persona.FirstMessage, reading.Persona.ExampleMessages));
        Assert.Equal(7, JsonNode.Parse(reading.Persona.Card!)!["data"]!["odd"]!.GetValue<int>());
        Assert.Contains(reading.Warnings, w => w.Contains("V1", StringComparison.Ordinal));
    }

    private static byte[] Header()
    {
        var header = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(header, 1);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), 1);
        header[8] = 8;
        header[9] = 2;
        return header;
    }

    private static byte[] Text(string keyword, byte[] json) =>
        [.. Encoding.Latin1.GetBytes(keyword), 0, .. Encoding.ASCII.GetBytes(Convert.ToBase64String(json))];

    private static byte[] Png(params (string Type, byte[] Data)[] chunks)
    {
        var png = new List<byte> { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A };
        foreach (var (type, data) in chunks)
        {
            var word = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(word, (uint)data.Length);
            png.AddRange(word);
            byte[] typed = [.. Encoding.ASCII.GetBytes(type), .. data];
            png.AddRange(typed);
            BinaryPrimitives.WriteUInt32BigEndian(word, Crc32.HashToUInt32(typed));
            png.AddRange(word);
        }

        return [.. png];
    }

    private static byte[] Zip(params (string Name, byte[] Data)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, data) in entries)
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                stream.Write(data);
            }
        }

        return buffer.ToArray();
    }
}

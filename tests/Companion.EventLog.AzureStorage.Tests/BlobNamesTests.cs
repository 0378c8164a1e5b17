namespace Companion.EventLog.AzureStorage.Tests;

public sealed class BlobNamesTests
{
    [Theory]
    [InlineData("user-1")]
    [InlineData("a/b\\c/../d")]
    [InlineData("ユーザー \"q\" 🙂 ?#%&")]
    public void A_stream_name_encodes_to_hex_digits_only_and_decodes_back(string stream)
    {
        var encoded = BlobNames.Encode(stream);

        Assert.Matches("^[0-9a-f]+$", encoded);
        Assert.Equal(stream, BlobNames.Decode(encoded));
        Assert.True(BlobNames.TryParseSegment(BlobNames.Segment(stream, 7), out var parsed, out var segment));
        Assert.Equal((encoded, 7), (parsed, segment));
    }

    [Fact]
    public void Segment_names_sort_in_the_ordinal_order_of_their_stream_names()
    {
        var streams = new[] { "a", "a-1", "a/", "B", "b", "ab", "a\u0000", "\uffff", "🙂", "z" };

        var byName = streams.Order(StringComparer.Ordinal);
        var bySegmentName = streams.OrderBy(s => BlobNames.Segment(s, 1), StringComparer.Ordinal);

        Assert.Equal(byName, bySegmentName);
    }

    [Fact]
    public void A_stream_name_too_long_for_a_blob_name_is_refused()
    {
        Assert.Throws<ArgumentException>(() => BlobNames.Encode(new string('x', BlobNames.MaxStreamLength + 1)));
    }
}

using System.Globalization;
using Companion.Domain.State;

namespace Companion.Domain.Tests;

public sealed class StateKeyComparerTests
{
    private const string Plain = "_0123456789abcdefghijklmnopqrstuvwxyz";

    [Fact]
    public void Keys_made_of_ids_characters_order_as_the_invariant_culture_orders_them()
    {
        var random = new Random(20261201);
        var invariant = CultureInfo.InvariantCulture.CompareInfo;
        for (var i = 0; i < 200_000; i++)
        {
            var x = Key(random, random.Next(0, 8));
            var y = random.Next(3) == 0 && x.Length > 0 ? x[..random.Next(x.Length)] + Key(random, random.Next(0, 4)) : Key(random, random.Next(0, 8));

            Assert.True(Math.Sign(invariant.Compare(x, y)) == Math.Sign(StateKeyComparer.Instance.Compare(x, y)), $"'{x}' against '{y}'");
        }
    }

    [Theory]
    [InlineData("m_1", "m1")]
    [InlineData("a-b", "ab")]
    [InlineData("Request-7", "request-7")]
    [InlineData("c_x/s_y/A", "c_x/s_y/b")]
    [InlineData("écoute", "ecoute")]
    [InlineData("", "a")]
    public void Other_keys_order_as_the_invariant_culture_orders_them(string x, string y)
    {
        var invariant = CultureInfo.InvariantCulture.CompareInfo;

        Assert.Equal(Math.Sign(invariant.Compare(x, y)), Math.Sign(StateKeyComparer.Instance.Compare(x, y)));
        Assert.Equal(Math.Sign(invariant.Compare(y, x)), Math.Sign(StateKeyComparer.Instance.Compare(y, x)));
    }

    [Fact]
    public void The_order_does_not_follow_the_culture_of_the_process()
    {
        var before = CultureInfo.CurrentCulture;
        try
        {
            // Danish sorts "aa" as "å", after "z"; a state must order (and hash) the same on any silo.
            CultureInfo.CurrentCulture = new CultureInfo("da-DK");
            Assert.True(string.Compare("aab", "zz", StringComparison.CurrentCulture) > 0, "this machine's ICU has no Danish order; the test shows nothing");

            Assert.True(StateKeyComparer.Instance.Compare("aab", "zz") < 0);
            Assert.True(StateKeyComparer.Instance.Compare("Aab", "zz") < 0);
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    private static string Key(Random random, int length) =>
        new([.. Enumerable.Range(0, length).Select(_ => Plain[random.Next(Plain.Length)])]);
}

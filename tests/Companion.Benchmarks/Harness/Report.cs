using System.Globalization;

namespace Companion.Benchmarks.Harness;

/// <summary>Prints figures as markdown table rows, ready for docs/BENCHMARKS.md.</summary>
public static class Report
{
    public static void Heading(string title) => Console.WriteLine($"\n## {title}\n\n| figure | value | baseline | ratio |\n| --- | --- | --- | --- |");

    public static void Row(string figure, double value, string unit, double? baseline = null, bool higherIsBetter = true)
    {
        var ratio = baseline is { } b && b > 0 ? (higherIsBetter ? value / b : b / value) : (double?)null;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {figure} | {Format(value)} {unit} | {(baseline is { } x ? $"{Format(x)} {unit}" : "")} | {(ratio is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) : "")} |"));
    }

    public static void Note(string text) => Console.WriteLine($"| {text} | | | |");

    private static string Format(double value) => value switch
    {
        >= 100 => value.ToString("#,0", CultureInfo.InvariantCulture),
        >= 1 => value.ToString("0.0", CultureInfo.InvariantCulture),
        _ => value.ToString("0.000", CultureInfo.InvariantCulture),
    };
}

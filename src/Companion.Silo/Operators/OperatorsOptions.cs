namespace Companion.Silo.Operators;

/// <summary>The <c>Operators</c> configuration section.</summary>
public sealed class OperatorsOptions
{
    public const string Section = "Operators";

    /// <summary>How often each silo reports its figures into the cluster totals. Default 5 seconds.</summary>
    public TimeSpan ReportInterval { get; set; } = TimeSpan.FromSeconds(5);
}

namespace Companion.Grains;

/// <summary>Names shared by the silo's configuration and the grains.</summary>
public static class EventLogConsistency
{
    /// <summary>The CustomStorage log-consistency provider the user grain is bound to.</summary>
    public const string ProviderName = "EventLog";
}

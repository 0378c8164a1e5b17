namespace Companion.Cli;

/// <summary>What the process's exit code means.</summary>
public static class ExitCodes
{
    /// <summary>Done as asked.</summary>
    public const int Ok = 0;

    /// <summary>The archive is invalid, or the silo refused or could not be reached.</summary>
    public const int Failed = 1;

    /// <summary>The command was given something it cannot use: a missing file, no token.</summary>
    public const int Usage = 2;
}

namespace Companion.Silo.Api;

/// <summary>Authorization policy names.</summary>
public static class Policies
{
    public const string Admin = "admin";
}

namespace Companion.EventLog.AzureStorage.Tests;

/// <summary>The repository's root: the folder, above the test assembly, that holds Companion.Grains.sln.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Companion.Grains.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds Companion.Grains.sln.");
    }
}

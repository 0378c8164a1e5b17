namespace Companion.Cluster.Tests;

/// <summary>Test classes that each bring up <see cref="LocalCluster"/> take turns: two three-silo clusters at once would starve each other.</summary>
[CollectionDefinition(Name)]
public sealed class LocalClusterCollection
{
    public const string Name = "local cluster";
}

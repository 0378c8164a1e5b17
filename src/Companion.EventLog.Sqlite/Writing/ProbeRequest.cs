namespace Companion.EventLog.Sqlite.Writing;

/// <summary>A tiny durable write that tells whether the storage takes writes (after it refused one).</summary>
internal sealed class ProbeRequest : WriteRequest;

using Azure.Core;
using Azure.Core.Pipeline;

namespace Companion.EventLog.AzureStorage.Tests;

/// <summary>Counts the requests sent to the storage (each try of each request) and the bytes of their answers' bodies.</summary>
public sealed class RequestCountingPolicy : HttpPipelinePolicy
{
    private int _count;
    private long _responseBytes;

    public int Count => Volatile.Read(ref _count);

    /// <summary>The bodies' lengths as the answers declared them (Content-Length).</summary>
    public long ResponseBytes => Interlocked.Read(ref _responseBytes);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Interlocked.Increment(ref _count);
        ProcessNext(message, pipeline);
        CountBody(message);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Interlocked.Increment(ref _count);
        await ProcessNextAsync(message, pipeline);
        CountBody(message);
    }

    private void CountBody(HttpMessage message)
    {
        if (message.HasResponse && message.Response.Headers.ContentLength is { } length)
        {
            Interlocked.Add(ref _responseBytes, length);
        }
    }
}

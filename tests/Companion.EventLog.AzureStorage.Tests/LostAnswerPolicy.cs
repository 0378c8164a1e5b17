using Azure.Core;
using Azure.Core.Pipeline;

namespace Companion.EventLog.AzureStorage.Tests;

/// <summary>
/// Lets the first append-block request reach the service, then throws as if the connection
/// dropped before the answer came back: the block is stored, the writer does not know it.
/// </summary>
public sealed class LostAnswerPolicy : HttpPipelinePolicy
{
    private int _lost;

    public int Lost => _lost;

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ProcessNext(message, pipeline);
        LoseFirstAppendAnswer(message);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await ProcessNextAsync(message, pipeline);
        LoseFirstAppendAnswer(message);
    }

    private void LoseFirstAppendAnswer(HttpMessage message)
    {
        if (message.Request.Uri.Query.Contains("comp=appendblock", StringComparison.Ordinal)
            && message.Response.Status == 201
            && Interlocked.CompareExchange(ref _lost, 1, 0) == 0)
        {
            throw new IOException("The connection dropped before the answer arrived (simulated).");
        }
    }
}

using Polly;
using Polly.Retry;

namespace Companion.EventLog.AzureStorage;

/// <summary>
/// Read-decide-write attempts conditional on what was read (an ETag), tried again while another
/// writer changed the blob in between. An attempt answers its outcome, or null when its condition
/// no longer held and it should read afresh; a short jittered back-off keeps writers that meet on
/// one blob from meeting again on the next attempt.
/// </summary>
internal static class ConditionalWrites
{
    /// <summary>How many times one write is attempted before it gives up.</summary>
    public const int MaxAttempts = 16;

    private static readonly ResiliencePipeline<bool?> UntilDecided = new ResiliencePipelineBuilder<bool?>()
        .AddRetry(new RetryStrategyOptions<bool?>
        {
            ShouldHandle = static arguments => ValueTask.FromResult(arguments.Outcome is { Exception: null, Result: null }),
            MaxRetryAttempts = MaxAttempts - 1,
            BackoffType = DelayBackoffType.Exponential,
            Delay = TimeSpan.FromMilliseconds(5),
            MaxDelay = TimeSpan.FromMilliseconds(200),
            UseJitter = true,
        })
        .Build();

    /// <summary>
    /// Runs <paramref name="attempt"/> until it answers; throws saying <paramref name="what"/> gave up
    /// when the blob of <paramref name="stream"/> kept changing for <see cref="MaxAttempts"/> attempts.
    /// </summary>
    public static async Task<bool> RunAsync(Func<CancellationToken, ValueTask<bool?>> attempt, string stream, string what, CancellationToken cancellationToken) =>
        await UntilDecided.ExecuteAsync(attempt, cancellationToken)
            ?? throw new InvalidOperationException($"The key blob of stream '{stream}' kept changing; {what} gave up after {MaxAttempts} attempts.");
}

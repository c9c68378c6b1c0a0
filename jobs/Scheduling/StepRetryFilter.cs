using System.Globalization;
using Analytics.Pipeline.Settings;
using Hangfire.States;

namespace Analytics.Jobs.Scheduling;

/// <summary>
/// Decides what a failed job becomes, in place of Hangfire's <c>AutomaticRetry</c>: an export not ready is
/// polled again after <c>Sources:TeleVoips:PollInterval</c>; a permanent failure stays failed at once; any other
/// failure is scheduled again with exponential backoff (<c>Jobs:RetryDelay</c> doubling up to
/// <c>RetryMaxDelay</c>) until <c>Jobs:RetryAttempts</c> attempts were made. The attempt count is a job
/// parameter in the store, so it survives a restart of every node.
/// </summary>
internal sealed class StepRetryFilter(RetryPolicy retry, TimeSpan pollInterval) : IElectStateFilter
{
    public const string AttemptParameter = "Attempt";

    public void OnStateElection(ElectStateContext context)
    {
        if (context.CandidateState is not FailedState failed)
            return;
        switch (failed.Exception)
        {
            case ExportNotReadyException notReady:
                context.CandidateState = new ScheduledState(pollInterval)
                {
                    Reason = string.Create(CultureInfo.InvariantCulture, $"{notReady.Message}; polling again in {pollInterval.TotalSeconds:0.#} s"),
                };
                return;
            case PermanentStepException:
                return;
        }

        var attempt = Attempt(context.GetJobParameter<int?>(AttemptParameter));
        if (!retry.CanRetry(attempt))
            return;
        var delay = retry.DelayAfter(attempt);
        context.SetJobParameter(AttemptParameter, attempt + 1);
        context.CandidateState = new ScheduledState(delay)
        {
            Reason = string.Create(CultureInfo.InvariantCulture,
                $"attempt {attempt}/{retry.MaxAttempts} failed: {failed.Exception.Message}; retrying in {delay.TotalSeconds:0.#} s"),
        };
    }

    /// <summary>The 1-based attempt a job is on, from its stored parameter.</summary>
    public static int Attempt(int? stored) => stored is > 0 ? stored.Value : 1;
}

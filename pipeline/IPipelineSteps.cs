using Analytics.Pipeline.Steps;

namespace Analytics.Pipeline;

/// <summary>
/// The steps as the scheduler runs them: one source and one day at a time. Each is idempotent (a step may run
/// again after a crash or a retry and then changes nothing twice) and honours its token, stopping at a
/// checkpoint the next run resumes from. The outcome says whether to poll again, retry, or give up.
/// </summary>
internal interface IPipelineSteps
{
    /// <summary>Pulls one source's day into the landing zone; <see cref="StepOutcome.Waiting"/> means poll again later.</summary>
    Task<StepResult> IngestAsync(string source, DateOnly day, CancellationToken cancellationToken);

    /// <summary>Loads what is waiting in the landing zone; the result counts the source's files.</summary>
    Task<StepResult> LoadAsync(string source, DateOnly day, CancellationToken cancellationToken);

    /// <summary>Writes the day's report; <paramref name="known"/> is what the day's state knows of each source (failed with its cause, not in).</summary>
    Task<StepResult> ReportAsync(DateOnly day, IReadOnlyList<Reports.Trust.SourceCoverage> known, CancellationToken cancellationToken);

    /// <summary>Emails the day's report; skipped when email is not configured.</summary>
    Task<StepResult> EmailAsync(DateOnly day, CancellationToken cancellationToken);
}

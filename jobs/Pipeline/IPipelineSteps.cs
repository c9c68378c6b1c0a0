namespace Analytics.Jobs.Pipeline;

/// <summary>
/// The seam between the scheduler and the work. The scheduler decides when and how often; an
/// implementation does one step for one source and one day, idempotently (a step may run again after a
/// crash or a retry and must then change nothing twice). Failures: throw
/// <see cref="CredentialsRejectedException"/> (or another <see cref="PermanentStepException"/>) for what retrying cannot fix; any other exception is
/// treated as transient and retried with backoff. Honour the token: it is cancelled on shutdown, and a
/// step that stops early must leave a state the next run resumes from.
/// </summary>
public interface IPipelineSteps
{
    /// <summary>Pulls one source's day into the landing zone. <see cref="StepStatus.Waiting"/> = ask again after the poll interval.</summary>
    Task<StepResult> IngestAsync(string source, DateOnly day, CancellationToken cancellationToken);

    /// <summary>Loads what landed for the source and day into the warehouse.</summary>
    Task<StepResult> LoadAsync(string source, DateOnly day, CancellationToken cancellationToken);

    /// <summary>Writes the report set for the period.</summary>
    Task<ReportOutcome> ReportAsync(DateOnly first, DateOnly last, CancellationToken cancellationToken);

    /// <summary>Sends the report; <see cref="StepStatus.Skipped"/> when email is not configured.</summary>
    Task<StepResult> EmailAsync(ReportOutcome report, CancellationToken cancellationToken);
}

public enum StepStatus
{
    /// <summary>The step finished its work.</summary>
    Done,

    /// <summary>Nothing to do (e.g. the source has no credentials configured).</summary>
    Skipped,

    /// <summary>Not ready yet (e.g. the TeleVoIPs export still answers 202); the scheduler asks again later.</summary>
    Waiting,
}

/// <summary>How a step ended. <paramref name="Detail"/> is one line for the run history, never a secret.</summary>
public sealed record StepResult(StepStatus Status, long Rows = 0, string? Detail = null)
{
    public static StepResult Done(long rows, string? detail = null) => new(StepStatus.Done, rows, detail);

    public static StepResult Skipped(string detail) => new(StepStatus.Skipped, 0, detail);

    public static StepResult Waiting(string detail) => new(StepStatus.Waiting, 0, detail);
}

/// <summary>A written report: its period, folder (<c>&lt;Reports:Output&gt;/&lt;from&gt;_&lt;to&gt;</c>) and call count.</summary>
public sealed record ReportOutcome(DateOnly From, DateOnly To, string Folder, long Calls);

/// <summary>A failure retrying cannot fix (bad configuration, a missing step): recorded, never retried.</summary>
public class PermanentStepException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The provider rejected the credentials (HTTP 401/403): recorded, never retried. Message: "&lt;source&gt;: credentials rejected (HTTP 403)".</summary>
public sealed class CredentialsRejectedException(string message, Exception? inner = null) : PermanentStepException(message, inner);

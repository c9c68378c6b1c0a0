using System.Globalization;

namespace Analytics.Pipeline.Steps;

/// <summary>How a step ended.</summary>
internal enum StepOutcome
{
    /// <summary>The work is done.</summary>
    Succeeded,

    /// <summary>Nothing to do: the source has no credentials, email is not configured.</summary>
    Skipped,

    /// <summary>Not ready yet: the TeleVoIPs export still answers 202; ask again after the poll interval.</summary>
    Waiting,

    /// <summary>Failed, and trying again may help (a network error that outlived the client's own retries).</summary>
    Failed,

    /// <summary>Failed for good: rejected credentials, a rejected file, bad configuration. Never retried.</summary>
    Rejected,
}

/// <summary>
/// What one step did: rows and files, its outcome and, unless it succeeded, one line saying why (naming the
/// source, file or key; never a secret).
/// </summary>
internal sealed record StepResult(StepOutcome Outcome, long Rows = 0, int Files = 0, string? Cause = null)
{
    public static StepResult Succeeded(long rows, int files) => new(StepOutcome.Succeeded, rows, files);

    public static StepResult Skipped(string cause) => new(StepOutcome.Skipped, Cause: cause);

    public static StepResult Waiting(string cause) => new(StepOutcome.Waiting, Cause: cause);

    public static StepResult Failed(string cause) => new(StepOutcome.Failed, Cause: cause);

    public static StepResult Rejected(string cause) => new(StepOutcome.Rejected, Cause: cause);

    /// <summary>Whether the step went wrong (either way).</summary>
    public bool IsFailure => Outcome is StepOutcome.Failed or StepOutcome.Rejected;

    public override string ToString() => Cause is null
        ? string.Create(CultureInfo.InvariantCulture, $"{Outcome.ToString().ToLowerInvariant()}, {Rows:N0} rows, {Files} files")
        : string.Create(CultureInfo.InvariantCulture, $"{Outcome.ToString().ToLowerInvariant()}: {Cause}");
}

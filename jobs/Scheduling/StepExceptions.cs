namespace Analytics.Jobs.Scheduling;

/// <summary>A step failed in a way retrying may fix; <see cref="StepRetryFilter"/> schedules it again with backoff.</summary>
internal sealed class TransientStepException(string message) : Exception(message);

/// <summary>A step failed for good (rejected credentials, a rejected file): shown failed in the dashboard, never retried.</summary>
internal sealed class PermanentStepException(string message) : Exception(message);

/// <summary>The TeleVoIPs export still answers 202: <see cref="StepRetryFilter"/> polls again after the poll interval.</summary>
internal sealed class ExportNotReadyException(string message) : Exception(message);

using Analytics.Reports.Email;
using Microsoft.Extensions.Logging;

namespace Analytics.Jobs.Pipeline;

/// <summary>
/// <see cref="IPipelineSteps.EmailAsync"/> for a written report folder, ready for the integrator's
/// implementation to call: skipped without <c>Email:Host</c>; a configuration error (no From/To, a bad
/// address) is permanent; an SMTP failure that outlived the sender's own retries is transient, so the
/// scheduler tries again later with its longer backoff.
/// </summary>
internal sealed class ReportEmailStep(EmailOptions options, ILogger logger, TimeProvider time)
{
    public async Task<StepResult> SendAsync(ReportOutcome report, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(options.Host))
            return StepResult.Skipped("Email:Host is not set");
        var email = ReportFolder.Read(report.Folder);
        try
        {
            if (!await new SmtpReportSender(options, logger, time).SendAsync(email, cancellationToken))
                return StepResult.Skipped($"report {email.Period} is empty (Email:SkipEmpty)");
        }
        catch (EmailDeliveryException ex) when (ex.InnerException is null)
        {
            throw new PermanentStepException(ex.Message, ex);
        }

        return StepResult.Done(1, $"report {email.Period} sent to {options.To}");
    }
}

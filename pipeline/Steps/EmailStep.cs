using Analytics.Pipeline.Settings;
using Analytics.Reports.Email;
using Microsoft.Extensions.Logging;

namespace Analytics.Pipeline.Steps;

/// <summary>
/// Emails a written report folder: the one place the pipeline calls <c>reports/Email</c>. Skipped without
/// <c>Email:Host</c>; a configuration error (no From/To, a bad address) is rejected for good; an SMTP failure
/// that outlived the sender's own retries may be retried later.
/// </summary>
internal sealed class EmailStep(AnalyticsSettings settings, ILoggerFactory logging, TimeProvider time)
{
    public async Task<StepResult> RunAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        if (!settings.EmailConfigured)
            return StepResult.Skipped("Email:Host is not set; configure Email:Host, Email:From and Email:To to send reports");
        var folder = ReportFolder.PathFor(settings.Reports.Output, from, to);
        if (!Directory.Exists(folder))
            return StepResult.Rejected($"no report for {from:yyyy-MM-dd}..{to:yyyy-MM-dd} in {Path.GetFullPath(folder)}; run 'analytics report --from {from:yyyy-MM-dd} --to {to:yyyy-MM-dd}' first");
        ReportEmail email;
        try
        {
            email = ReportFolder.Read(folder);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException)
        {
            return StepResult.Rejected(ex.Message.ReplaceLineEndings(" "));
        }

        try
        {
            if (!await new SmtpReportSender(settings.Email, logging.CreateLogger<EmailStep>(), time).SendAsync(email, cancellationToken))
                return StepResult.Skipped($"report {email.Period} has no call and no SMS: not sent (Email:SkipEmpty)");
        }
        catch (EmailDeliveryException ex)
        {
            return ex.InnerException is null ? StepResult.Rejected(ex.Message) : StepResult.Failed(ex.Message);
        }

        return new StepResult(StepOutcome.Succeeded, 1, email.ChartPngs.Count + email.Csvs.Count, $"report {email.Period} sent to {settings.Email.To}");
    }
}

using Analytics.Ingest;
using Analytics.Jobs.Pipeline;
using Analytics.Reports;

namespace Analytics.Jobs.Scheduling;

/// <summary>What the pipeline jobs need from configuration, resolved once at start-up.</summary>
internal sealed record PipelineSettings(
    IReadOnlyList<string> Sources,
    TimeZoneInfo TimeZone,
    RetryPolicy Retry,
    TimeSpan PollInterval,
    TimeSpan PollTimeout,
    string PipelineCron,
    string ReportCron)
{
    public static PipelineSettings From(JobsOptions jobs, ReportsOptions reports, SourcesOptions sources)
    {
        CronDefaults.RejectUnknown(jobs);
        TimeZoneInfo zone;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(reports.TimeZone);
        }
        catch (TimeZoneNotFoundException)
        {
            throw new CliException($"Reports:TimeZone: unknown time zone '{reports.TimeZone}' (expected an IANA id such as Europe/Paris)");
        }

        return new PipelineSettings(
            jobs.SourcesOrDefault.Select(s => s.Trim().ToLowerInvariant()).Distinct().ToArray(),
            zone,
            RetryPolicy.From(jobs),
            sources.TeleVoips.PollInterval,
            sources.TeleVoips.PollTimeout,
            CronDefaults.For(jobs, "pipeline", CronDefaults.Pipeline),
            CronDefaults.For(jobs, "report", CronDefaults.Report));
    }

    /// <summary>The day a scheduled run is about: the day before the fire time, in the reports' zone.</summary>
    public DateOnly DayFor(DateTimeOffset scheduledFireUtc) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(scheduledFireUtc, TimeZone).DateTime).AddDays(-1);
}

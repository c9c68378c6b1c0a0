using Quartz;

namespace Analytics.Jobs.Scheduling;

/// <summary>
/// The default schedule, in <c>Reports:TimeZone</c>: the day's pulls start at 06:00 and the report goes
/// out when the last source is in, or at 07:00 with whatever has arrived. Override per job with
/// <c>Jobs:Schedule:pipeline</c> / <c>Jobs:Schedule:report</c>.
/// </summary>
internal static class CronDefaults
{
    public const string Pipeline = "0 0 6 * * ?";
    public const string Report = "0 0 7 * * ?";

    public static string For(JobsOptions options, string job, string fallback)
    {
        if (!options.Schedule.TryGetValue(job, out var cron) || string.IsNullOrWhiteSpace(cron))
            return fallback;
        if (!CronExpression.TryParse(cron, out _))
            throw new CliException($"Jobs:Schedule:{job}: '{cron}' is not a Quartz cron expression (seconds minutes hours day-of-month month day-of-week)");
        return cron;
    }

    public static void RejectUnknown(JobsOptions options)
    {
        foreach (var name in options.Schedule.Keys)
        {
            if (name is not ("pipeline" or "report"))
                throw new CliException($"Jobs:Schedule:{name}: unknown job; expected 'pipeline' or 'report'");
        }
    }
}

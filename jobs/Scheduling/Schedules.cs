using System.Globalization;
using Analytics.Pipeline.Settings;
using Hangfire;
using Hangfire.Storage;

namespace Analytics.Jobs.Scheduling;

/// <summary>
/// The two recurring jobs, in <c>Reports:TimeZone</c>: <c>pipeline</c> plans yesterday's pulls (default 06:00) and
/// <c>report</c> is the latest the report waits for a late source (default 07:00). Every node writes them at
/// start; Hangfire keeps one definition per id and fires each occurrence once across the nodes.
/// </summary>
internal static class Schedules
{
    public const string Pipeline = "pipeline";
    public const string Report = "report";
    public const string DefaultPipeline = "0 6 * * *";
    public const string DefaultReport = "0 7 * * *";

    public static string Cron(JobsOptions jobs, string name) =>
        jobs.Schedule.TryGetValue(name, out var cron) && !string.IsNullOrWhiteSpace(cron) ? cron.Trim()
        : name == Pipeline ? DefaultPipeline : DefaultReport;

    public static void Register(IRecurringJobManager manager, AnalyticsSettings settings)
    {
        // Strict: an occurrence missed while every node was down is still fired, as its own job whose "Time" parameter is
        // the occurrence (FiringDay), so each missed day is planned and reported, each as the day it was meant for.
        var options = new RecurringJobOptions { TimeZone = settings.TimeZone, MisfireHandling = MisfireHandlingMode.Strict };
        Add(manager, Pipeline, Cron(settings.Jobs, Pipeline), () => manager.AddOrUpdate<PipelineJobs>(Pipeline, j => j.PlanDay(null!), Cron(settings.Jobs, Pipeline), options));
        Add(manager, Report, Cron(settings.Jobs, Report), () => manager.AddOrUpdate<PipelineJobs>(Report, j => j.ReportDeadline(null!), Cron(settings.Jobs, Report), options));
    }

    /// <summary>"pipeline  0 6 * * * (Europe/Paris), next 2026-12-07 06:00 (05:00Z)" for each schedule.</summary>
    public static IEnumerable<string> Describe(JobStorage storage, AnalyticsSettings settings)
    {
        using var connection = storage.GetConnection();
        foreach (var job in connection.GetRecurringJobs([Pipeline, Report]))
        {
            var next = job.NextExecution is { } utc
                ? string.Create(CultureInfo.InvariantCulture, $"{TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), settings.TimeZone):yyyy-MM-dd HH:mm:ss} ({utc:HH:mm:ss}Z)")
                : "not scheduled";
            yield return $"{job.Id,-9} {job.Cron} ({settings.TimeZone.Id}), next {next}";
        }
    }

    private static void Add(IRecurringJobManager manager, string name, string cron, Action add)
    {
        _ = manager;
        try
        {
            add();
        }
        catch (ArgumentException ex)
        {
            throw new SettingsException($"Jobs:Schedule:{name}: '{cron}' is not a cron expression (minute hour day-of-month month day-of-week, or seconds first): {ex.Message.ReplaceLineEndings(" ")}", ex);
        }
    }
}

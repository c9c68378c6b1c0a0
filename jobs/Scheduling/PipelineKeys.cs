using System.Globalization;
using Quartz;

namespace Analytics.Jobs.Scheduling;

/// <summary>
/// Job and trigger names. Jobs are durable and keyed per step (and per source for ingest), so
/// <see cref="DisallowConcurrentExecutionAttribute"/> serialises one source's pulls and all loads (DuckDB has
/// one writer) across the whole cluster. Trigger names are derived from the day, so scheduling the same
/// day twice finds the existing trigger instead of running the day twice.
/// </summary>
internal static class PipelineKeys
{
    public const string Group = "analytics";
    public const string DayGroup = "analytics.days";

    public static readonly JobKey Pipeline = new("pipeline", Group);
    public static readonly JobKey ReportDeadline = new("report-deadline", Group);
    public static readonly JobKey Load = new("load", Group);
    public static readonly JobKey Report = new("report", Group);
    public static readonly JobKey Email = new("email", Group);

    public static JobKey Ingest(string source) => new($"ingest.{source}", Group);

    public static JobKey Day(DateOnly day) => new($"day.{Text(day)}", DayGroup);

    /// <summary>The trigger of one step for one day, e.g. <c>load.telnyx.2026-11-21</c>; <paramref name="round"/> &gt; 0 names a retry or a poll.</summary>
    public static TriggerKey Step(string name, DateOnly day, int round = 0) =>
        new(round > 0 ? $"{name}.{Text(day)}.r{round}" : $"{name}.{Text(day)}", Group);

    public static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly ParseDay(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>Names of the values jobs carry in their data maps (all strings: the JSON serializer keeps them readable).</summary>
internal static class DataKeys
{
    public const string Day = "day";
    public const string Source = "source";
    public const string Round = "round";
    public const string Attempt = "attempt";
    public const string WaitingSince = "waitingSince";
    public const string Event = "event";
    public const string Outcome = "outcome";
    public const string Failed = "failed";
    public const string Sources = "sources";
    public const string Reported = "reported";
}

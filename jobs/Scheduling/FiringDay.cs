using Analytics.Pipeline.Settings;
using Hangfire.Server;

namespace Analytics.Jobs.Scheduling;

/// <summary>
/// The day a firing of a recurring job stands for: yesterday, in <c>Reports:TimeZone</c>, of the instant the firing was
/// scheduled for, never of the clock when a worker gets to it. A job retried, re-run after its node died, or left queued
/// past midnight still does its own day, and (with <see cref="Hangfire.MisfireHandlingMode.Strict"/>) each occurrence
/// missed while every node was down does the day it was meant for.
/// </summary>
internal static class FiringDay
{
    /// <summary>
    /// The job parameter Hangfire's recurring scheduler sets on each job it creates: the occurrence's instant (Unix
    /// seconds) under <see cref="Hangfire.MisfireHandlingMode.Strict"/>, the trigger's instant for a manual trigger.
    /// </summary>
    public const string TimeParameter = "Time";

    public static DateOnly Of(AnalyticsSettings settings, PerformContext context) => settings.Yesterday(ScheduledAt(context));

    /// <summary>The occurrence's instant, else (a job queued by hand, without the parameter) when the job was created.</summary>
    public static DateTimeOffset ScheduledAt(PerformContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.GetJobParameter<long?>(TimeParameter) is { } seconds
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : new DateTimeOffset(DateTime.SpecifyKind(context.BackgroundJob.CreatedAt, DateTimeKind.Utc));
    }
}

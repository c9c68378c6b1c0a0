using System.Globalization;
using Analytics.Jobs.Scheduling;
using Quartz;

namespace Analytics.Jobs.Pipeline;

/// <summary>One firing of a pipeline step, as read from its trigger's data.</summary>
internal sealed record StepRun(string Job, string? Source, DateOnly Day, int Attempt, int Round, DateTimeOffset? WaitingSince, bool Recovering, string Node)
{
    public static StepRun From(IJobExecutionContext context, string job)
    {
        var data = context.MergedJobDataMap;
        var day = data.GetString(DataKeys.Day) ?? throw new InvalidOperationException($"{job}: trigger {context.Trigger.Key} carries no day");
        var since = data.GetString(DataKeys.WaitingSince);
        return new StepRun(
            job,
            data.GetString(DataKeys.Source),
            PipelineKeys.ParseDay(day),
            Int(data.GetString(DataKeys.Attempt), 1),
            Int(data.GetString(DataKeys.Round), 0),
            since is null ? null : DateTimeOffset.Parse(since, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            context.Recovering,
            context.Scheduler.SchedulerInstanceId);
    }

    /// <summary>Step name used in trigger keys and logs: <c>ingest.telnyx</c>, <c>load.telnyx</c>, <c>report</c>.</summary>
    public string Step => Source is null ? Job : $"{Job}.{Source}";

    public string Label => Source is null ? $"{Job} {PipelineKeys.Text(Day)}" : $"{Source}: {Job} {PipelineKeys.Text(Day)}";

    /// <summary>The data of this step's next trigger: same day and source, the given attempt/round/wait.</summary>
    public JobDataMap NextData(int attempt, int round, DateTimeOffset? waitingSince)
    {
        var data = new JobDataMap
        {
            [DataKeys.Day] = PipelineKeys.Text(Day),
            [DataKeys.Attempt] = attempt.ToString(CultureInfo.InvariantCulture),
            [DataKeys.Round] = round.ToString(CultureInfo.InvariantCulture),
        };
        if (Source is not null)
            data[DataKeys.Source] = Source;
        if (waitingSince is { } since)
            data[DataKeys.WaitingSince] = since.ToString("O", CultureInfo.InvariantCulture);
        return data;
    }

    private static int Int(string? text, int fallback) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}

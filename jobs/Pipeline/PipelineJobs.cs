using Analytics.Jobs.Scheduling;
using Quartz;

namespace Analytics.Jobs.Pipeline;

/// <summary>The durable job definitions: one ingest job per source, one each for load, report and email.</summary>
internal static class PipelineJobs
{
    public static IJobDetail IngestDetail(string source) => Durable<IngestJob>(PipelineKeys.Ingest(source));

    public static IEnumerable<IJobDetail> All(PipelineSettings settings)
    {
        foreach (var source in settings.Sources)
            yield return IngestDetail(source);
        yield return Durable<LoadJob>(PipelineKeys.Load);
        yield return Durable<ReportJob>(PipelineKeys.Report);
        yield return Durable<EmailJob>(PipelineKeys.Email);
        yield return Durable<DailyPipelineJob>(PipelineKeys.Pipeline);
        yield return Durable<ReportDeadlineJob>(PipelineKeys.ReportDeadline);
    }

    // RequestRecovery: when a node dies mid-step, another node of the cluster runs the firing again.
    private static IJobDetail Durable<T>(JobKey key) where T : IJob =>
        JobBuilder.Create<T>().WithIdentity(key).StoreDurably().RequestRecovery().Build();
}

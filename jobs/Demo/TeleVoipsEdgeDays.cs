using Analytics.Ingest;
using Analytics.Pipeline.Settings;
using Analytics.Pipeline.Steps;
using Analytics.Sandbox;
using Microsoft.Extensions.Logging;

namespace Analytics.Jobs.Demo;

/// <summary>
/// The sandbox PBX keeps New York time, so the first UTC day's first hours are in its file of the local day before
/// (<see cref="SandboxHost.TeleVoipsEdgeDays"/>). The demo fetches that file too before its run, so the report over
/// the sandbox's UTC days is complete rather than rightly PARTIAL for those hours; the run's load loads it.
/// </summary>
internal static class TeleVoipsEdgeDays
{
    public static async Task FetchAsync(SandboxHost sandbox, AnalyticsSettings settings, ILoggerFactory logging, Action<string> notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        ArgumentNullException.ThrowIfNull(notice);
        foreach (var edge in sandbox.TeleVoipsEdgeDays)
        {
            var (hours, utcDay) = edge < sandbox.FirstDay ? ("first", sandbox.FirstDay) : ("last", sandbox.LastDay);
            notice($"televoips: also fetching the PBX's local day {edge:yyyy-MM-dd}: its file holds the {hours} hours of {utcDay:yyyy-MM-dd} (UTC)");
            var runs = await new IngestStep(settings, logging, TimeProvider.System)
                .RunAsync(["televoips"], new IngestRequest(edge, edge), null, notice, cancellationToken).ConfigureAwait(false);
            if (runs.FirstOrDefault(r => r.Failure is not null)?.Failure is { } failure)
                throw new IngestException($"televoips {edge:yyyy-MM-dd}: {failure.Message}");
        }
    }
}

using System.Globalization;
using System.Text;

namespace Analytics.Jobs.History;

/// <summary>One warehouse feed's freshness, from the <c>loads</c> table.</summary>
internal sealed record LoadStatus(string Source, string Feed, DateTimeOffset? LastLoadedAt, long Files, long RowsLoaded, long RowsRejected, DateOnly? NewestDay);

/// <summary>Reads <see cref="LoadStatus"/> rows from the warehouse; wired by the integrator over DuckDB (read-only).</summary>
internal interface ILoadStatusReader
{
    Task<IReadOnlyList<LoadStatus>> ReadAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Renders <c>analytics status</c> from the run history (newest first) and the loads: per source the
/// last success, the last failure with its error, and a step still waiting; then recent days, a failed
/// day marked FAILED with its cause; then the warehouse loads.
/// </summary>
internal static class RunStatus
{
    public static string Render(IReadOnlyList<JobRun> runs, IReadOnlyList<LoadStatus>? loads, IEnumerable<string> sources, DateTimeOffset now)
    {
        var text = new StringBuilder();
        text.AppendLine("Sources");
        foreach (var source in sources)
        {
            var mine = runs.Where(r => r.Source == source).ToArray();
            text.Append(CultureInfo.InvariantCulture, $"  {source,-11}");
            if (mine.Length == 0)
            {
                text.AppendLine(" no runs yet");
                continue;
            }

            var success = mine.FirstOrDefault(r => r.Outcome == Outcomes.Succeeded);
            var failure = mine.FirstOrDefault(r => r.Outcome == Outcomes.Failed);
            text.Append(" last success: ").AppendLine(success is null ? "never" : Describe(success));
            text.Append("             last failure: ").AppendLine(failure is null ? "none" : $"{Describe(failure)}: {failure.Error}");
            var latest = mine[0];
            if (latest.Outcome is Outcomes.Waiting or Outcomes.Retrying or Outcomes.Running or Outcomes.Interrupted)
            {
                var age = now - latest.StartedAt;
                text.Append(CultureInfo.InvariantCulture, $"             now: {latest.Outcome} {latest.Job} {Day(latest.Day)}");
                text.AppendLine(latest.Error is null ? string.Create(CultureInfo.InvariantCulture, $" (since {age.TotalMinutes:0} min)") : $": {latest.Error}");
            }
        }

        text.AppendLine("Days");
        var days = runs.Where(r => r.Job == "pipeline" && r.Day is not null).GroupBy(r => r.Day).Take(10).ToArray();
        if (days.Length == 0)
            text.AppendLine("  no day completed yet");
        foreach (var day in days)
        {
            var last = day.First();
            text.Append(CultureInfo.InvariantCulture, $"  {Day(day.Key)}  ")
                .AppendLine(last.Outcome == Outcomes.Failed ? $"FAILED: {last.Error} (repair: analytics run --from {Day(day.Key)} --to {Day(day.Key)})" : last.Outcome);
        }

        text.AppendLine("Loads");
        if (loads is null)
            text.AppendLine("  warehouse loads not available in this build");
        else if (loads.Count == 0)
            text.AppendLine("  nothing loaded yet");
        else
        {
            foreach (var load in loads)
            {
                var fresh = load.LastLoadedAt is { } at ? string.Create(CultureInfo.InvariantCulture, $"{(now - at).TotalHours:0.#} h ago") : "never";
                text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {load.Source,-11} {load.Feed,-18} {load.Files,5} files {load.RowsLoaded,10:N0} rows {load.RowsRejected,6:N0} rejects  newest day {Day(load.NewestDay)}  loaded {fresh}"));
            }
        }

        return text.ToString();
    }

    private static string Describe(JobRun run) => string.Create(CultureInfo.InvariantCulture,
        $"{run.Job} {Day(run.Day)} at {(run.FinishedAt ?? run.StartedAt).UtcDateTime:yyyy-MM-dd HH:mm}Z{(run.Rows is { } rows ? $" ({rows:N0} rows)" : "")} on {run.Node}");

    private static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-";
}

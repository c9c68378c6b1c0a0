using System.Globalization;
using System.Text;
using Analytics.Pipeline.History;

namespace Analytics.Jobs.History;

/// <summary>
/// Renders <c>analytics status</c> from the run history (newest first) and the loads: per source the
/// last success, the last failure with its error, and a step still waiting; then recent days, a failed
/// day marked FAILED with its cause; then the warehouse loads.
/// </summary>
internal static class RunStatus
{
    public static string Render(IReadOnlyList<JobRun> runs, IReadOnlyList<LoadStatus>? loads, string warehouse, IEnumerable<string> sources, DateTimeOffset now)
    {
        var text = new StringBuilder();
        if (loads is null)
            text.AppendLine(CultureInfo.InvariantCulture, $"Warehouse {warehouse} does not exist yet (Warehouse:Path): nothing has been loaded; run 'analytics run' or 'analytics serve'");
        RenderDays(text, runs);
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
            text.AppendLine("  no warehouse");
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

    /// <summary>Per day and source, the newest ingest and load: succeeded with rows, failed with cause, retrying, waiting on an export.</summary>
    private static void RenderDays(StringBuilder text, IReadOnlyList<JobRun> runs)
    {
        var steps = runs.Where(r => r.Source is not null && r.Day is not null && r.Job is "ingest" or "load").ToArray();
        if (steps.Length == 0)
            return;
        text.AppendLine("Runs per source and day (newest first)");
        foreach (var group in steps.GroupBy(r => (r.Day, r.Source)).OrderByDescending(g => g.Key.Day).ThenBy(g => g.Key.Source, StringComparer.Ordinal).Take(28))
        {
            text.Append(CultureInfo.InvariantCulture, $"  {Day(group.Key.Day)}  {group.Key.Source,-11}");
            foreach (var job in new[] { "ingest", "load" })
            {
                var last = group.FirstOrDefault(r => r.Job == job);
                if (last is not null)
                    text.Append(CultureInfo.InvariantCulture, $" {job} {Outcome(last)};");
            }

            text.AppendLine();
        }
    }

    private static string Outcome(JobRun run) => run.Outcome switch
    {
        Outcomes.Succeeded => string.Create(CultureInfo.InvariantCulture, $"succeeded ({run.Rows ?? 0:N0} rows)"),
        Outcomes.Waiting => $"waiting on the export: {run.Error}",
        Outcomes.Retrying or Outcomes.Failed or Outcomes.Skipped or Outcomes.Interrupted => $"{run.Outcome}: {run.Error}",
        _ => run.Outcome,
    };

    private static string Describe(JobRun run) => string.Create(CultureInfo.InvariantCulture,
        $"{run.Job} {Day(run.Day)} at {(run.FinishedAt ?? run.StartedAt).UtcDateTime:yyyy-MM-dd HH:mm}Z{(run.Rows is { } rows ? $" ({rows:N0} rows)" : "")} on {run.Node}");

    private static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-";
}

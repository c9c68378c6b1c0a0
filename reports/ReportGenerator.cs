using System.Data.Common;
using Analytics.Reports.Aggregates;
using Analytics.Reports.Charts;
using Analytics.Reports.Csv;
using Analytics.Reports.Html;
using Analytics.Reports.Json;
using Analytics.Reports.Trust;
using Analytics.Warehouse;
using Microsoft.Extensions.Logging;

namespace Analytics.Reports;

/// <summary>
/// One report run: DuckDB computes the aggregates (plus the previous period's summaries and the trailing days
/// that alerts and a short report's spend chart need), then CSV, JSON, headline.json, charts (PNG + SVG from
/// ScottPlot) and index.html are written under <c>&lt;Reports:Output&gt;/&lt;period name&gt;/</c>, and the
/// index of all reports is rewritten. Every file is written beside and renamed into place, so a crash leaves
/// each file whole (old or new); re-running overwrites the run.
/// </summary>
public sealed class ReportGenerator(TimeProvider time, ILogger<ReportGenerator> logger)
{
    /// <summary>Generates the report of the inclusive days [<paramref name="from"/>, <paramref name="to"/>] on a (read-only) warehouse connection.</summary>
    /// <param name="coverage">
    /// What the caller's own run knows of each source (failed with its cause, not configured, ran); sources it does not
    /// name, or names as having run, are derived from the warehouse and <paramref name="landingPath"/>.
    /// </param>
    public async Task<ReportResult> GenerateAsync(DbConnection readOnlyConnection, DateOnly from, DateOnly to, Granularity granularity,
        ReportsOptions options, CancellationToken cancellationToken, IReadOnlyList<SourceCoverage>? coverage = null, string? landingPath = null,
        AlertsOptions? alerts = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var period = new ReportPeriod(from, to, options.TimeZone, granularity);
        var cache = options.CacheDays ? CallDayCache.Under(options.Output) : null;
        var data = await AggregateQueries.RunAsync(readOnlyConnection, period, cancellationToken, options.MemoryLimit, cache).ConfigureAwait(false);
        var previous = await AggregateQueries.SummariesAsync(readOnlyConnection, period.Previous(), cancellationToken, cache).ConfigureAwait(false);
        var weekAgo = period.Days == 1
            ? await AggregateQueries.SummariesAsync(readOnlyConnection, period.Shifted(-7), cancellationToken, cache).ConfigureAwait(false)
            : ((IReadOnlyList<CallsSummaryRow>, IReadOnlyList<SmsSummaryRow>)?)null;
        var trend = await TrendAsync(readOnlyConnection, period, data, cache, cancellationToken).ConfigureAwait(false);
        if (cache is not null)
            logger.LogInformation("Report {Period}: day cache {Cache}", period.Name, cache.Summary);
        var mismatches = await ReconciliationAlerts.ReadAsync(readOnlyConnection, period.From, period.To, cancellationToken).ConfigureAwait(false);
        data = data with
        {
            Coverage = CoverageDerivation.Derive(data, landingPath, coverage),
            Comparison = Comparisons.Build((data.CallsSummary, data.SmsSummary), previous, weekAgo),
            Alerts = [.. AlertRules.Evaluate(period.To, trend.Calls, trend.Sms, alerts ?? new AlertsOptions()), .. mismatches],
            Trend = period.Days < ReportCharts.TrendDays ? trend : null,
        };
        return await WriteAsync(data, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Opens the warehouse file read-only (so loads may run meanwhile in another process) and generates the report.</summary>
    public async Task<ReportResult> GenerateAsync(string warehousePath, DateOnly from, DateOnly to, Granularity granularity,
        ReportsOptions options, CancellationToken cancellationToken, IReadOnlyList<SourceCoverage>? coverage = null, string? landingPath = null,
        AlertsOptions? alerts = null)
    {
        var connection = WarehouseDatabase.OpenReadOnly(warehousePath);
        await using (connection.ConfigureAwait(false))
            return await GenerateAsync(connection, from, to, granularity, options, cancellationToken, coverage, landingPath, alerts).ConfigureAwait(false);
    }

    /// <summary>Writes every file of a report from aggregates already computed.</summary>
    public async Task<ReportResult> WriteAsync(ReportData data, ReportsOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        var directory = Path.GetFullPath(Path.Combine(options.Output, data.Period.Name));
        var chartDirectory = Path.Combine(directory, "charts");
        Directory.CreateDirectory(chartDirectory);
        var generatedAt = time.GetUtcNow();

        var csv = await CsvReportWriter.WriteAllAsync(data, directory, cancellationToken).ConfigureAwait(false);
        var headline = ReportHeadline.From(data);
        // Drawn side by side (each chart its own ScottPlot plot; the font is registered once, under a lock), kept in order.
        var drawn = (await Task.WhenAll(ReportCharts.All(data, data.Trend).Select(c => Task.Run(() => ChartRenderer.Draw(c), cancellationToken))).ConfigureAwait(false)).ToList();
        var chartFiles = new List<string>();
        var charts = new List<ChartFile>();
        foreach (var chart in drawn)
        {
            var png = Path.Combine(chartDirectory, chart.Chart.Name + ".png");
            var svg = Path.Combine(chartDirectory, chart.Chart.Name + ".svg");
            await AtomicFile.WriteAsync(png, chart.Png, cancellationToken).ConfigureAwait(false);
            await AtomicFile.WriteAsync(svg, chart.Svg, cancellationToken).ConfigureAwait(false);
            chartFiles.AddRange([png, svg]);
            charts.Add(new ChartFile("charts/" + chart.Chart.Name + ".png", "charts/" + chart.Chart.Name + ".svg", chart.Chart.Title, chart.Chart.Note));
        }

        var digest = new ReportDigest(data.Period.From, data.Period.To, data.Period.Granularity.ToString().ToLowerInvariant(), data.Period.TimeZone, generatedAt,
            headline, SourceHeadlines(data), data.Coverage, data.Alerts, [.. data.Comparison.Where(c => c.Source == "ALL")], charts, [.. csv.Select(Path.GetFileName).OfType<string>()]);
        var headlinePath = Path.Combine(directory, ReportDigest.FileName);
        await AtomicFile.WriteAsync(headlinePath, digest.ToJson(), cancellationToken).ConfigureAwait(false);
        var json = await CallrJsonWriter.WriteAsync(data, w => ReportMeta.Write(w, digest), directory, cancellationToken).ConfigureAwait(false);
        var neighbours = ReportIndex.Neighbours(options.Output, data.Period.Name);
        var html = Path.Combine(directory, "index.html");
        await AtomicFile.WriteAsync(html, HtmlReportWriter.Render(data, digest, drawn, neighbours), cancellationToken).ConfigureAwait(false);
        await ReportIndex.WriteAsync(options.Output, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Report {Period} written to {Directory}: {Files} files{Partial}", data.Period.Name, directory, csv.Count + chartFiles.Count + 3,
            digest.Partial ? " (PARTIAL)" : "");
        return new ReportResult(directory, html, json, headlinePath, csv, chartFiles, headline, digest, data);
    }

    private static List<SourceHeadline> SourceHeadlines(ReportData data) =>
        [.. data.CallsSummary.Select(r => r.Source).Concat(data.SmsSummary.Select(r => r.Source)).Where(s => s != "ALL").Distinct().Order(StringComparer.Ordinal)
            .Select(source =>
            {
                var h = ReportHeadline.From(data.CallsSummary, data.SmsSummary, source);
                return new SourceHeadline(source, h.Calls, h.Asr, h.Aloc, h.UnpricedCalls, h.Sms, h.TotalSpend);
            })];

    /// <summary>
    /// Daily history of the days alerts and a short report's chart look at: the period's last day and the 13 (or,
    /// for a period of 14 days or more, 7) days before. Taken from the period's own daily history when it covers
    /// them, so a month's report reads nothing twice; otherwise one extra query, which zone maps keep to those days.
    /// </summary>
    private static async Task<TrendData> TrendAsync(DbConnection connection, ReportPeriod period, ReportData data, CallDayCache? cache, CancellationToken cancellationToken)
    {
        var back = period.Days < ReportCharts.TrendDays ? ReportCharts.TrendDays - 1 : AlertRules.TrailingDays;
        var days = period.Daily(period.To.AddDays(-back), period.To);
        if (period.Granularity == Granularity.Day && period.From <= days.From)
        {
            var first = days.Buckets.KeyOf(days.Start);
            return new TrendData(days, [.. data.CallsHistory.Where(r => r.Bucket >= first)], [.. data.SmsHistory.Where(r => r.Bucket >= first)]);
        }

        var (calls, sms) = await AggregateQueries.DailyAsync(connection, days, cancellationToken, cache).ConfigureAwait(false);
        return new TrendData(days, calls, sms);
    }
}

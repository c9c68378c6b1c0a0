using System.Data.Common;
using Analytics.Reports.Aggregates;
using Analytics.Reports.Charts;
using Analytics.Reports.Csv;
using Analytics.Reports.Html;
using Analytics.Reports.Json;
using Analytics.Warehouse.DuckDb;
using Microsoft.Extensions.Logging;

namespace Analytics.Reports;

/// <summary>
/// One report run: DuckDB computes the aggregates, then CSV, JSON, charts (SVG + PNG) and index.html are
/// written under <c>&lt;Reports:Output&gt;/&lt;from&gt;_&lt;to&gt;/</c>. Every file is written beside and
/// renamed into place, so a crash leaves each file whole (old or new); re-running overwrites the run.
/// </summary>
public sealed class ReportGenerator(TimeProvider time, ILogger<ReportGenerator> logger, IChartRenderer? renderer = null)
{
    private readonly IChartRenderer _renderer = renderer ?? new SvgChartRenderer();

    /// <summary>Generates the report of the inclusive days [<paramref name="from"/>, <paramref name="to"/>] on a (read-only) warehouse connection.</summary>
    public async Task<ReportResult> GenerateAsync(DbConnection readOnlyConnection, DateOnly from, DateOnly to, Granularity granularity,
        ReportsOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var period = new ReportPeriod(from, to, options.TimeZone, granularity);
        var data = await AggregateQueries.RunAsync(readOnlyConnection, period, cancellationToken, options.MemoryLimit).ConfigureAwait(false);
        return await WriteAsync(data, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Opens the warehouse file read-only (so loads may run meanwhile in another process) and generates the report.</summary>
    public async Task<ReportResult> GenerateAsync(string warehousePath, DateOnly from, DateOnly to, Granularity granularity,
        ReportsOptions options, CancellationToken cancellationToken)
    {
        var connection = new DuckDbConnection(DuckDbConnectionString.For(Path.GetFullPath(warehousePath), readOnly: true));
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return await GenerateAsync(connection, from, to, granularity, options, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes every file of a report from aggregates already computed.</summary>
    public async Task<ReportResult> WriteAsync(ReportData data, ReportsOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        var directory = Path.GetFullPath(Path.Combine(options.Output, data.Period.Name));
        var chartDirectory = Path.Combine(directory, "charts");
        Directory.CreateDirectory(chartDirectory);

        var csv = await CsvReportWriter.WriteAllAsync(data, directory, cancellationToken).ConfigureAwait(false);
        var json = await CallrJsonWriter.WriteAsync(data, directory, cancellationToken).ConfigureAwait(false);
        var headline = ReportHeadline.From(data);

        var png = new PngConverter(logger);
        var chartFiles = new List<string>();
        async Task<List<(string Title, string Svg)>> DrawAsync(IReadOnlyList<Chart> charts)
        {
            var drawn = new List<(string, string)>();
            foreach (var chart in charts)
            {
                var svg = _renderer.RenderSvg(chart);
                var path = Path.Combine(chartDirectory, chart.Name + ".svg");
                await File.WriteAllTextAsync(path + ".tmp", svg, cancellationToken).ConfigureAwait(false);
                File.Move(path + ".tmp", path, overwrite: true);
                chartFiles.Add(path);
                if (await png.ConvertAsync(path, cancellationToken).ConfigureAwait(false) is { } pngPath)
                    chartFiles.Add(pngPath);
                drawn.Add((chart.Title, svg));
            }

            return drawn;
        }

        var spend = await DrawAsync(ReportCharts.Spend(data)).ConfigureAwait(false);
        var others = await DrawAsync(ReportCharts.Others(data)).ConfigureAwait(false);
        var html = await HtmlReportWriter.WriteAsync(data, headline, spend, others, time.GetUtcNow(), directory, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Report {Period} written to {Directory}: {Files} files", data.Period.Name, directory, csv.Count + chartFiles.Count + 2);
        return new ReportResult(directory, html, json, csv, chartFiles, headline, data);
    }
}

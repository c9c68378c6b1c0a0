using System.Data.Common;
using System.Globalization;
using Analytics.Reports;
using Analytics.Reports.Aggregates;
using Analytics.Warehouse;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;

namespace Analytics.Bench.Reports;

/// <summary>
/// Full report set (SQL + CSV + JSON + charts + PNG + HTML) over N synthetic calls (default 10M, October
/// 2026, Europe/Paris) against one bare <c>GROUP BY source, direction, currency</c> scan of the same table. Target ≤ 3×.
/// Args: [calls] [work directory].
/// </summary>
internal sealed class ReportsBenchmark : IBenchmark
{
    private static readonly DateOnly From = new(2026, 10, 1);
    private static readonly DateOnly To = new(2026, 10, 31);

    public string Name => "reports";

    public string Description => "full report set vs one bare GROUP BY scan, over 10M calls [calls] [dir]";

    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var calls = args.Length > 0 ? long.Parse(args[0], CultureInfo.InvariantCulture) : 10_000_000;
        var directory = args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), "analytics-bench-reports");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"calls-{calls}.duckdb"));
        if (!File.Exists(path))
        {
            // Built under a temporary name: an interrupted run never leaves a half-filled file that later runs would reuse.
            var partial = path + ".partial";
            File.Delete(partial);
            await Measure.TimeAsync($"synthesise {calls:N0} calls (DuckDB range())", calls, () => SynthesiseAsync(partial, calls, cancellationToken));
            File.Move(partial, path);
        }

        var options = new ReportsOptions { Output = Path.Combine(directory, "out"), TimeZone = "Europe/Paris" };
        if (args.Length > 3)
            options = options with { MemoryLimit = args[3] };
        if (args.Length > 2 && args[2] == "tables")
        {
            await TablesAsync(path, options, calls, cancellationToken);
            return;
        }

        var bare = new List<TimeSpan>();
        var full = new List<TimeSpan>();
        // Alternate so both see the same cache state; the first round warms the OS cache and is dropped.
        for (var round = 0; round < 3; round++)
        {
            Measure.ResetPeakRss();
            var b = await Measure.TimeAsync($"round {round}: bare GROUP BY scan", calls, () => BareAsync(path, options.MemoryLimit, cancellationToken));
            Measure.ResetPeakRss();
            var f = await Measure.TimeAsync($"round {round}: full report set", calls, () => FullAsync(path, options, cancellationToken));
            if (round == 0)
                continue;
            bare.Add(b);
            full.Add(f);
        }

        var ratio = full.Min().TotalSeconds / bare.Min().TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"reports: bare {bare.Min().TotalSeconds:F2} s, full {full.Min().TotalSeconds:F2} s, ratio {ratio:F2}x (target <= 3x), peak RSS {Measure.PeakRssMegabytes():N0} MB"));
    }

    /// <summary>Each table's SQL timed alone after one bare scan, to see where the report's time goes.</summary>
    private static async Task TablesAsync(string path, ReportsOptions options, long calls, CancellationToken cancellationToken)
    {
        await Measure.TimeAsync("bare GROUP BY scan", calls, () => BareAsync(path, options.MemoryLimit, cancellationToken));
        var period = new ReportPeriod(From, To, options.TimeZone, Granularity.Day);
        await using var connection = Open(path, readOnly: true);
        await AggregateQueries.PrepareAsync(connection, options.MemoryLimit, cancellationToken);
        await Measure.TimeAsync("calls_period (one pass the summary and breakdowns roll up)", calls, () => AggregateQueries.CreatePeriodCallsAsync(connection, period, cancellationToken));
        await Measure.TimeAsync("calls_summary", calls, () => Analytics.Reports.Tables.ReportTables.CallsSummary.QueryAsync(connection, period, cancellationToken));
        await Measure.TimeAsync("calls_history", calls, () => Analytics.Reports.Tables.ReportTables.CallsHistory.QueryAsync(connection, period, cancellationToken));
        await Measure.TimeAsync("calls_by_app", calls, () => Analytics.Reports.Tables.ReportTables.CallsByApp.QueryAsync(connection, period, cancellationToken));
        await Measure.TimeAsync("calls_by_country", calls, () => Analytics.Reports.Tables.ReportTables.CallsByCountry.QueryAsync(connection, period, cancellationToken));
        await Measure.TimeAsync("calls_by_destination", calls, () => Analytics.Reports.Tables.ReportTables.CallsByDestination.QueryAsync(connection, period, cancellationToken));
        await Measure.TimeAsync("calls_by_did", calls, () => Analytics.Reports.Tables.ReportTables.CallsByDid.QueryAsync(connection, period, cancellationToken));
        await AggregateQueries.DropPeriodCallsAsync(connection);
        await Measure.TimeAsync("previous period summaries", calls, () => AggregateQueries.SummariesAsync(connection, period.Previous(), cancellationToken));
        ReportData? data = null;
        await Measure.TimeAsync("every table's SQL", calls, async () => data = await AggregateQueries.RunAsync(connection, period, cancellationToken));
        var generator = new ReportGenerator(TimeProvider.System, NullLogger<ReportGenerator>.Instance);
        await Measure.TimeAsync("files, charts, HTML (first)", calls, () => generator.WriteAsync(data!, options, cancellationToken));
        await Measure.TimeAsync("files, charts, HTML (again)", calls, () => generator.WriteAsync(data!, options, cancellationToken));
        await Measure.TimeAsync("full report set", calls, () => FullAsync(path, options, cancellationToken));
    }

    private static async Task BareAsync(string path, string memoryLimit, CancellationToken cancellationToken)
    {
        await using var connection = Open(path, readOnly: true);
        await AggregateQueries.PrepareAsync(connection, memoryLimit, cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT source, direction, currency, count(*), sum(answered_s), sum(debit) FROM calls GROUP BY ALL";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            for (var i = 0; i < reader.FieldCount; i++)
                _ = reader.GetValue(i);
        }
    }

    private static async Task FullAsync(string path, ReportsOptions options, CancellationToken cancellationToken)
    {
        await using var connection = Open(path, readOnly: true);
        await new ReportGenerator(TimeProvider.System, NullLogger<ReportGenerator>.Instance)
            .GenerateAsync(connection, From, To, Granularity.Day, options, cancellationToken);
    }

    private static System.Data.Common.DbConnection Open(string path, bool readOnly) =>
        readOnly ? WarehouseDatabase.OpenReadOnly(path) : WarehouseDatabase.OpenReadWrite(path);

    /// <summary>Realistic-looking calls generated inside DuckDB: 4 sources, EUR/USD/unpriced, ~60 % answered, 40 countries.</summary>
    private static async Task SynthesiseAsync(string path, long calls, CancellationToken cancellationToken)
    {
        await using var connection = Open(path, readOnly: false);
        using var schema = new StreamReader(typeof(WarehouseOptions).Assembly.GetManifestResourceStream("Analytics.Warehouse.schema.sql")!);
        await connection.ExecuteAsync(new CommandDefinition(await schema.ReadToEndAsync(cancellationToken), cancellationToken: cancellationToken));
        var sql = string.Create(CultureInfo.InvariantCulture, $"""
            INSERT INTO calls (source, call_id, direction, started_at, duration_s, answered_s, billed_s, caller, callee, did,
                               country_code, destination, app_id, app_name, status, debit, credit, currency, load_id)
            SELECT src, 'c' || i, dir,
                   TIMESTAMPTZ '2026-10-01 00:00:00+00' + to_seconds((h % 2678400)::BIGINT),
                   talk + 12, talk, CASE WHEN talk = 0 THEN 0 ELSE ((talk + 59) // 60) * 60 END,
                   '+33' || (600000000 + h % 5000000), '+44' || (7700000000 + (h >> 8) % 9000000),
                   CASE WHEN dir = 'IN' THEN '+331870000' || lpad((h % 50)::VARCHAR, 2, '0') END,
                   cc, 'Dest ' || cc || CASE WHEN (h >> 4) % 2 = 0 THEN ' - Mobile' ELSE ' - Fixed' END,
                   'app' || (h >> 12) % 8, 'App ' || (h >> 12) % 8,
                   CASE WHEN talk > 0 THEN 'ANSWERED' WHEN (h >> 20) % 3 = 0 THEN 'BUSY' ELSE 'NO_ANSWER' END,
                   CASE WHEN src = 'televoips' THEN NULL ELSE round(talk * 0.0002, 4) END, 0,
                   CASE WHEN src = 'televoips' THEN NULL WHEN src = 'callr' THEN 'EUR' ELSE 'USD' END, 1
            FROM (SELECT i, hash(i) AS h,
                         ['callr', 'telnyx', 'televoips', 'telgorithm'][1 + ((hash(i) >> 32) % 4)::BIGINT] AS src,
                         CASE WHEN (hash(i) >> 40) % 3 = 0 THEN 'IN' ELSE 'OUT' END AS dir,
                         CASE WHEN (hash(i) >> 16) % 10 < 6 THEN ((hash(i) >> 24) % 600)::INTEGER ELSE 0 END AS talk,
                         ['FR','GB','US','DE','ES','IT','BE','NL','CH','PT','IE','PL','SE','NO','DK','FI','AT','CZ','GR','HU',
                          'RO','BG','HR','SK','SI','LT','LV','EE','LU','MT','CY','IS','CA','MX','BR','AR','AU','NZ','JP','IN'][1 + ((hash(i) >> 48) % 40)::BIGINT] AS cc
                  FROM range({calls}) t(i))
            """);
        await connection.ExecuteAsync(new CommandDefinition(sql, commandTimeout: 0, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition("FORCE CHECKPOINT", cancellationToken: cancellationToken));
    }
}

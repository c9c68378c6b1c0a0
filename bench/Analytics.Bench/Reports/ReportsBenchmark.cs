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
/// Args: [calls] [work directory] [mode: full (default: cold, warm, appended and replaced reports against the bare
/// scan, in rounds), prepare:MODE then MODE (set a case up, then one such report in a fresh process, for its peak RSS),
/// tables (each table's SQL timed), or sql FILE (each statement of FILE timed)] [Reports:MemoryLimit] [rounds, default 3].
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
        // Named by the schema version: a file synthesised for an older schema (missing a column the report reads) is never reused.
        var path = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"calls-{calls}-schema{Analytics.Warehouse.Schema.SchemaBootstrapper.ScriptVersion}-daily.duckdb"));
        if (!File.Exists(path))
        {
            // Built under a temporary name: an interrupted run never leaves a half-filled file that later runs would reuse.
            var partial = path + ".partial";
            File.Delete(partial);
            await Measure.TimeAsync($"synthesise {calls:N0} calls (DuckDB range())", calls, () => SynthesiseAsync(partial, calls, cancellationToken));
            File.Move(partial, path);
        }

        var options = new ReportsOptions { Output = Path.Combine(directory, "out"), TimeZone = "Europe/Paris" };
        if (args.Length > 3 && args[2] != "sql" && args[3].Length > 0)
            options = options with { MemoryLimit = args[3] };
        if (args.Length > 3 && args[2] == "sql")
        {
            await SqlAsync(path, options, calls, args[3], cancellationToken);
            return;
        }

        if (args.Length > 2 && args[2] == "tables")
        {
            await TablesAsync(path, options, calls, cancellationToken);
            return;
        }

        // The full report set four ways, each against the bare scan of the same round, the warehouse and the day cache
        // set up (untimed) as a report finds them:
        // - cold: the day cache emptied, as on a report's first run;
        // - warm: nothing changed since the last report (a month's report run after the day's own report);
        // - appended: the last day's calls appended since the last report, which had every other day (the daily load,
        //   then the report: the day's rows are found by their write_seq, the other days are read from the cache);
        // - replaced: 1,000 of the last day's calls re-sent and replaced since (deleted and inserted again, as the
        //   loader's upsert does): every day is fingerprinted from the calls, the last one added up again.
        var lastDay = new ReportPeriod(To, To, options.TimeZone, Granularity.Day);
        var range = $"started_at >= {lastDay.StartSql} AND started_at < {lastDay.EndSql}";
        var cacheRoot = CallDayCache.Under(options.Output).Root;
        var modes = new (string Name, Func<Task> Prepare)[]
        {
            ("cold", () =>
            {
                if (Directory.Exists(cacheRoot))
                    Directory.Delete(cacheRoot, recursive: true);
                return Task.CompletedTask;
            }),
            ("warm", () => Task.CompletedTask),
            ("appended", async () =>
            {
                await ExecuteAsync(path, $"CREATE OR REPLACE TABLE bench_last_day AS SELECT * EXCLUDE (write_seq) FROM calls WHERE {range}; DELETE FROM calls WHERE {range};", cancellationToken);
                await FullAsync(path, options, cancellationToken);
                await ExecuteAsync(path, "INSERT INTO calls BY NAME SELECT * FROM bench_last_day; DROP TABLE bench_last_day;", cancellationToken);
            }),
            ("replaced", () => ExecuteAsync(path, $"""
                CREATE OR REPLACE TEMP TABLE resent AS SELECT * EXCLUDE (write_seq) FROM calls WHERE {range} LIMIT 1000;
                DELETE FROM calls WHERE {range} AND call_id IN (SELECT call_id FROM resent);
                INSERT INTO calls BY NAME SELECT * FROM resent;
                """, cancellationToken)),
        };
        if (args.Length > 2 && args[2].StartsWith("prepare:", StringComparison.Ordinal) && modes.FirstOrDefault(m => m.Name == args[2]["prepare:".Length..]) is { Name: not null } prepared)
        {
            await prepared.Prepare();
            return;
        }

        if (args.Length > 2 && modes.FirstOrDefault(m => m.Name == args[2]) is { Name: not null } single)
        {
            // One report in this fresh process, as `analytics report` runs it (after `prepare:<mode>` in another): its
            // peak RSS is the process's.
            await Measure.TimeAsync($"one report, {single.Name}, in a fresh process", calls, () => FullAsync(path, options, cancellationToken));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"reports {single.Name}: peak RSS of the process {Measure.PeakRssMegabytes():N0} MB (target <= 300)"));
            return;
        }

        var bare = new List<TimeSpan>();
        var bareCpu = new List<TimeSpan>();
        var floorCpu = new List<TimeSpan>();
        var full = modes.ToDictionary(m => m.Name, _ => new List<(TimeSpan Wall, TimeSpan Cpu, long Peak)>());
        // Alternate so all see the same OS cache state; the first round warms the OS cache and the JIT and is dropped.
        // CPU time (all threads) is printed beside wall time: on a shared machine it moves less.
        var rounds = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 3;
        for (var round = 0; round < rounds; round++)
        {
            var cpu = Measure.CpuTime();
            var b = await Measure.TimeAsync($"round {round}: bare GROUP BY scan", calls, () => BareAsync(path, options.MemoryLimit, cancellationToken));
            var bc = Measure.CpuTime() - cpu;
            var measured = new List<(string Mode, TimeSpan Wall, TimeSpan Cpu, long Peak)>();
            foreach (var (name, prepare) in modes)
            {
                await prepare();
                // Each mode's peak alone: what the last one left in the managed heap is given back first.
                GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                Measure.ResetPeakRss();
                cpu = Measure.CpuTime();
                var f = await Measure.TimeAsync($"round {round}: full report set, {name}", calls, () => FullAsync(path, options, cancellationToken));
                measured.Add((name, f, Measure.CpuTime() - cpu, Measure.PeakRssMegabytes()));
            }

            cpu = Measure.CpuTime();
            await Measure.TimeAsync($"round {round}: floor (every column once + exact distinct callers)", calls, () => FloorAsync(path, options.MemoryLimit, cancellationToken));
            var lc = Measure.CpuTime() - cpu;
            if (round == 0)
                continue;
            Console.WriteLine($"round {round}: " + string.Join(", ", measured.Select(m => string.Create(CultureInfo.InvariantCulture,
                $"{m.Mode} {m.Wall.TotalSeconds / b.TotalSeconds:F2}x wall {m.Cpu.TotalSeconds / bc.TotalSeconds:F2}x cpu"))));
            bare.Add(b);
            bareCpu.Add(bc);
            floorCpu.Add(lc);
            foreach (var m in measured)
                full[m.Mode].Add((m.Wall, m.Cpu, m.Peak));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"reports: bare {bare.Min().TotalSeconds:F2} s wall, {bareCpu.Min().TotalSeconds:F2} s cpu (fastest round)"));
        foreach (var (name, _) in modes)
        {
            var f = full[name];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"reports {name}: full {f.Min(x => x.Wall).TotalSeconds:F2} s, ratio {f.Min(x => x.Wall).TotalSeconds / bare.Min().TotalSeconds:F2}x wall (target <= 3x), {f.Min(x => x.Cpu).TotalSeconds / bareCpu.Min().TotalSeconds:F2}x cpu; peak RSS {f.Max(x => x.Peak):N0} MB (target <= 300)"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"floor: cpu {floorCpu.Min().TotalSeconds:F2} s = {floorCpu.Min().TotalSeconds / bareCpu.Min().TotalSeconds:F2}x the bare scan: no report that reads every day from the raw calls can do less"));
    }

    /// <summary>Each table's SQL timed alone after one bare scan, to see where the report's time goes.</summary>
    private static async Task TablesAsync(string path, ReportsOptions options, long calls, CancellationToken cancellationToken)
    {
        await Measure.TimeAsync("bare GROUP BY scan", calls, () => BareAsync(path, options.MemoryLimit, cancellationToken));
        var period = new ReportPeriod(From, To, options.TimeZone, Granularity.Day);
        await using var connection = Open(path, readOnly: true);
        await AggregateQueries.PrepareAsync(connection, options.MemoryLimit, cancellationToken);
        await Measure.TimeAsync("calls_period (summary, app, country, destination)", calls, () => AggregateQueries.CreatePeriodTablesAsync(connection, period, PeriodTables.Calls, cancellationToken));
        await Measure.TimeAsync("calls_period_buckets (history, DID)", calls, () => AggregateQueries.CreatePeriodTablesAsync(connection, period, PeriodTables.Buckets, cancellationToken));
        await Measure.TimeAsync("calls_callers (unique callers)", calls, () => UniqueCallers.CreateAsync(connection, period, PeriodTables.Calls, cancellationToken));
        await Measure.TimeAsync("calls_summary", calls, () => Analytics.Reports.Tables.ReportTables.CallsSummary.QueryAsync(connection, period, cancellationToken));
        await Measure.TimeAsync("calls_history", calls, () => Analytics.Reports.Tables.ReportTables.CallsHistory.QueryAsync(connection, period, cancellationToken));
        await Measure.TimeAsync("calls_by_app", calls, () => Analytics.Reports.Tables.ReportTables.CallsByApp.QueryAsync(connection, period, cancellationToken));
        await Measure.TimeAsync("calls_by_country", calls, () => Analytics.Reports.Tables.ReportTables.CallsByCountry.QueryAsync(connection, period, cancellationToken));
        await Measure.TimeAsync("calls_by_destination", calls, () => Analytics.Reports.Tables.ReportTables.CallsByDestination.QueryAsync(connection, period, cancellationToken));
        await Measure.TimeAsync("calls_by_did", calls, () => Analytics.Reports.Tables.ReportTables.CallsByDid.QueryAsync(connection, period, cancellationToken));
        await AggregateQueries.DropPeriodTablesAsync(connection);
        await Measure.TimeAsync("previous period summaries", calls, () => AggregateQueries.SummariesAsync(connection, period.Previous(), cancellationToken));
        ReportData? data = null;
        await Measure.TimeAsync("every table's SQL", calls, async () => data = await AggregateQueries.RunAsync(connection, period, cancellationToken));
        var generator = new ReportGenerator(TimeProvider.System, NullLogger<ReportGenerator>.Instance);
        await Measure.TimeAsync("files, charts, HTML (first)", calls, () => generator.WriteAsync(data!, options, cancellationToken));
        await Measure.TimeAsync("files, charts, HTML (again)", calls, () => generator.WriteAsync(data!, options, cancellationToken));
        await Measure.TimeAsync("full report set", calls, () => FullAsync(path, options, cancellationToken));
    }

    /// <summary>Times each statement of a file (separated by lines holding only ";") on one connection, after one bare scan: for profiling SQL changes.</summary>
    private static async Task SqlAsync(string path, ReportsOptions options, long calls, string file, CancellationToken cancellationToken)
    {
        await Measure.TimeAsync("bare GROUP BY scan", calls, () => BareAsync(path, options.MemoryLimit, cancellationToken));
        await using var connection = Open(path, readOnly: true);
        await AggregateQueries.PrepareAsync(connection, options.MemoryLimit, cancellationToken);
        var statements = (await File.ReadAllTextAsync(file, cancellationToken)).Split("\n;\n").Select(s => s.Trim()).Where(s => s.Length > 0);
        foreach (var statement in statements)
        {
            var label = statement.Split('\n')[0];
            await Measure.TimeAsync(label.Length > 48 ? label[..48] : label, calls, async () =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = statement;
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                var rows = 0L;
                var shown = new System.Text.StringBuilder();
                while (await reader.ReadAsync(cancellationToken))
                {
                    rows++;
                    if (rows <= 3 || label.StartsWith("--show", StringComparison.Ordinal))
                    {
                        for (var i = 0; i < reader.FieldCount; i++)
                            shown.Append(reader.GetValue(i)).Append(i + 1 < reader.FieldCount ? " | " : "\n");
                    }
                }

                Console.Write(shown.ToString());
                Console.WriteLine($"  ({rows} rows)");
            });
        }
    }

    private static async Task ExecuteAsync(string path, string sql, CancellationToken cancellationToken)
    {
        await using var connection = Open(path, readOnly: false);
        await connection.ExecuteAsync(new CommandDefinition(sql, commandTimeout: 0, cancellationToken: cancellationToken));
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

    /// <summary>
    /// The least any exact report of the period must do on the raw rows, whatever its SQL: read every column the
    /// report shows once (no grouping), and count the distinct inbound callers once (exact unique callers cannot be
    /// added up from smaller groups). Printed so the report's cost can be read against it as well as against the
    /// bare scan, which reads 5 of the report's 16 columns.
    /// </summary>
    private static async Task FloorAsync(string path, string memoryLimit, CancellationToken cancellationToken)
    {
        await using var connection = Open(path, readOnly: true);
        await AggregateQueries.PrepareAsync(connection, memoryLimit, cancellationToken);
        await connection.QueryAsync(new CommandDefinition("""
            SELECT count(*), max(started_at), max(source), max(direction), max(currency), max(status), sum(answered_s), sum(billed_s),
                   sum(debit), sum(credit), max(cost_basis), max(app_id), max(app_name), max(country_code), max(destination), max(did), max(caller)
            FROM calls
            """, cancellationToken: cancellationToken));
        await connection.QueryAsync(new CommandDefinition(
            "SELECT count(DISTINCT caller) FROM calls WHERE direction = 'IN' AND caller IS NOT NULL", cancellationToken: cancellationToken));
    }

    private static async Task FullAsync(string path, ReportsOptions options, CancellationToken cancellationToken)
    {
        await using var connection = Open(path, readOnly: true);
        await new ReportGenerator(TimeProvider.System, NullLogger<ReportGenerator>.Instance)
            .GenerateAsync(connection, From, To, Granularity.Day, options, cancellationToken);
    }

    private static System.Data.Common.DbConnection Open(string path, bool readOnly) =>
        readOnly ? WarehouseDatabase.OpenReadOnly(path) : WarehouseDatabase.OpenReadWrite(path);

    /// <summary>Realistic-looking calls generated inside DuckDB: 4 sources, EUR/USD/unpriced, billed or rated, ~60 % answered, 40 countries.</summary>
    private static async Task SynthesiseAsync(string path, long calls, CancellationToken cancellationToken)
    {
        await using var connection = Open(path, readOnly: false);
        using var schema = new StreamReader(typeof(WarehouseOptions).Assembly.GetManifestResourceStream("Analytics.Warehouse.schema.sql")!);
        await connection.ExecuteAsync(new CommandDefinition(await schema.ReadToEndAsync(cancellationToken), cancellationToken: cancellationToken));
        var sql = string.Create(CultureInfo.InvariantCulture, $"""
            INSERT INTO calls (source, call_id, direction, started_at, duration_s, answered_s, billed_s, caller, callee, did,
                               country_code, destination, app_id, app_name, status, debit, credit, currency, cost_basis, load_id)
            SELECT src, 'c' || i, dir,
                   TIMESTAMPTZ '2026-10-01 00:00:00+00' + to_seconds((h % 2678400)::BIGINT),
                   talk + 12, talk, CASE WHEN talk = 0 THEN 0 ELSE ((talk + 59) // 60) * 60 END,
                   '+33' || (600000000 + h % 5000000), '+44' || (7700000000 + (h >> 8) % 9000000),
                   CASE WHEN dir = 'IN' THEN '+331870000' || lpad((h % 50)::VARCHAR, 2, '0') END,
                   cc, 'Dest ' || cc || CASE WHEN (h >> 4) % 2 = 0 THEN ' - Mobile' ELSE ' - Fixed' END,
                   'app' || (h >> 12) % 8, 'App ' || (h >> 12) % 8,
                   CASE WHEN talk > 0 THEN 'ANSWERED' WHEN (h >> 20) % 3 = 0 THEN 'BUSY' ELSE 'NO_ANSWER' END,
                   CASE WHEN src = 'televoips' THEN NULL ELSE round(talk * 0.0002, 4) END, 0,
                   CASE WHEN src = 'televoips' THEN NULL WHEN src = 'callr' THEN 'EUR' ELSE 'USD' END,
                   -- As the mappings set it: the providers bill their own calls; one call in 16 of theirs priced from the rate deck instead.
                   CASE WHEN src = 'televoips' THEN NULL WHEN (h >> 56) % 16 = 0 THEN 'rated' ELSE 'provider' END, 1
            FROM (SELECT i, hash(i) AS h,
                         ['callr', 'telnyx', 'televoips', 'telgorithm'][1 + ((hash(i) >> 32) % 4)::BIGINT] AS src,
                         CASE WHEN (hash(i) >> 40) % 3 = 0 THEN 'IN' ELSE 'OUT' END AS dir,
                         CASE WHEN (hash(i) >> 16) % 10 < 6 THEN ((hash(i) >> 24) % 600)::INTEGER ELSE 0 END AS talk,
                         ['FR','GB','US','DE','ES','IT','BE','NL','CH','PT','IE','PL','SE','NO','DK','FI','AT','CZ','GR','HU',
                          'RO','BG','HR','SK','SI','LT','LV','EE','LU','MT','CY','IS','CA','MX','BR','AR','AU','NZ','JP','IN'][1 + ((hash(i) >> 48) % 40)::BIGINT] AS cc
                  FROM range({calls}) t(i))
            -- In load order: daily loads append one day's calls after another (in no order within the day), so DuckDB's
            -- zone maps keep a day's query to that day, as in a real warehouse.
            ORDER BY (h % 2678400) // 86400
            """);
        await connection.ExecuteAsync(new CommandDefinition(sql, commandTimeout: 0, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition("FORCE CHECKPOINT", cancellationToken: cancellationToken));
    }
}

using System.Globalization;
using Analytics.Ingest;
using Analytics.Ingest.Http;
using Analytics.Sandbox;
using Analytics.Testing;
using Analytics.Landing;
using Analytics.Warehouse.Loads;
using Analytics.Warehouse.Mapping;

namespace Analytics.Warehouse.Tests.EndToEnd;

public sealed class SandboxEndToEndTests
{
    [Fact]
    public async Task Sandbox_to_ingest_to_load_gives_calls_and_sms_totals_equal_to_the_sandbox_ground_truth()
    {
        using var dir = new TempDirectory("loads-e2e");
        await using var sandbox = await SandboxHost.StartAsync(
            new SandboxOptions { Port = 0, Days = 2, VolumeMultiplier = 0.2, TeleVoipsPollsBeforeReady = 1 }, CancellationToken.None);
        var database = dir.Combine("analytics.duckdb");
        var landing = new LandingOptions { Path = dir.Combine("landing") };
        var sources = new SourcesOptions
        {
            TeleVoips = new TeleVoipsOptions { BaseUrl = sandbox.TeleVoipsBaseUrl.ToString(), ApiKey = SandboxKeys.TeleVoipsApiKey, PollInterval = TimeSpan.FromMilliseconds(20) },
            Telnyx = new TelnyxOptions { BaseUrl = sandbox.TelnyxBaseUrl.ToString(), ApiKey = SandboxKeys.TelnyxApiKey },
            Callr = new CallrOptions { BaseUrl = sandbox.CallrUrl.ToString(), ApiKey = SandboxKeys.CallrApiKey },
            Telgorithm = new TelgorithmOptions { BaseUrl = sandbox.TelgorithmBaseUrl.ToString(), Username = SandboxKeys.TelgorithmUser, Password = SandboxKeys.TelgorithmPassword },
        };
        var runner = new IngestRunner(sources, landing, http: new IngestHttpOptions());
        await runner.RunAsync(["all"], new IngestRequest(sandbox.FirstDay, sandbox.LastDay), null, null, CancellationToken.None);
        // The New York PBX's file of the local day before holds the first UTC day's first hours.
        foreach (var edge in sandbox.TeleVoipsEdgeDays)
            await runner.RunAsync(["televoips"], new IngestRequest(edge, edge), null, null, CancellationToken.None);
        var deck = dir.Combine("rates.csv");
        await sandbox.WriteRateDeckAsync(deck);

        var report = await new LandingLoader(new LandingZone(landing), new MappingSettings(RateDeckPath: deck))
            .LoadAllAsync(() => WarehouseDatabase.OpenReadWrite(database), CancellationToken.None);

        Assert.False(report.HasFailures, string.Join("\n", report.Files.Select(f => f.Message)));
        Assert.All(report.Files, f => Assert.Equal(0, f.RowsRejected));
        var truth = sandbox.GroundTruth.Days;
        Assert.Equal(
            truth.Select(d => string.Create(CultureInfo.InvariantCulture, $"{d.Source}|{d.Day:yyyy-MM-dd}|{d.Kind}|{d.Direction}|{d.Count}|{d.Answered}|{d.AnsweredSeconds}|{d.Parts}"))
                .Order(StringComparer.Ordinal),
            Totals(database).Order(StringComparer.Ordinal));
        Assert.Equal(
            truth.SelectMany(d => d.Debit.Select(m => string.Create(CultureInfo.InvariantCulture, $"{d.Source}|{d.Day:yyyy-MM-dd}|{d.Kind}|{d.Direction}|{m.Key}|{Normal(m.Value)}"))).Order(StringComparer.Ordinal),
            Money(database).Order(StringComparer.Ordinal));
        // Forwarded Telgorithm calls are one call of two legs (the ground truth above counts them once); the first
        // day's last one has its outbound leg in the second day's file.
        var (calls, forwarded, overMidnight) = Query(database, """
            SELECT count(*), count(*) FILTER (WHERE legs = 2), count(*) FILTER (WHERE days = 2)
            FROM (SELECT c.call_id, count(*) AS legs, count(DISTINCT l.day) AS days
                  FROM calls c JOIN call_legs g ON g.source = c.source AND g.call_id = c.call_id JOIN loads l ON l.load_id = g.load_id
                  WHERE c.source = 'telgorithm' GROUP BY c.call_id)
            """, r => (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2))).Single();
        Assert.Equal(truth.Where(d => d.Source == "telgorithm" && d.Kind == "calls").Sum(d => d.Count), calls);
        Assert.True(forwarded > 0, "no forwarded call");
        Assert.Equal(1, overMidnight);
    }

    private static List<string> Totals(string database) => Query(database, """
        SELECT source, strftime(started_at, '%Y-%m-%d'), 'calls', direction, count(*), count(*) FILTER (WHERE status = 'ANSWERED'),
               sum(answered_s), 0 FROM calls GROUP BY ALL
        UNION ALL
        SELECT source, strftime(sent_at, '%Y-%m-%d'), 'sms', direction, count(*), 0, 0, sum(parts) FROM sms GROUP BY ALL
        """, r => string.Join("|", Enumerable.Range(0, 8).Select(i => Convert.ToString(r.GetValue(i), CultureInfo.InvariantCulture))));

    private static List<string> Money(string database) => Query(database, """
        SELECT source, strftime(started_at, '%Y-%m-%d'), 'calls', direction, currency, sum(debit) FROM calls WHERE currency IS NOT NULL GROUP BY ALL
        UNION ALL
        SELECT source, strftime(sent_at, '%Y-%m-%d'), 'sms', direction, currency, sum(debit) FROM sms WHERE currency IS NOT NULL GROUP BY ALL
        """, r => string.Join("|", Enumerable.Range(0, 5).Select(r.GetString)) + "|" + Normal(r.GetDecimal(5)));

    private static string Normal(decimal value) => value.ToString("0.##########", CultureInfo.InvariantCulture);

    private static List<T> Query<T>(string database, string sql, Func<System.Data.Common.DbDataReader, T> row)
    {
        using var connection = WarehouseDatabase.OpenReadOnly(database);
        using var command = connection.CreateCommand();
        command.CommandText = "SET TimeZone = 'UTC'; " + sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
            rows.Add(row(reader));
        return rows;
    }
}

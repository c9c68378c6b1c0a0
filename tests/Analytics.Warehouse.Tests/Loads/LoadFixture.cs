using System.Globalization;
using System.Text;
using Analytics.Testing;
using Analytics.Landing;
using Analytics.Warehouse.Loads;
using Analytics.Warehouse.Mapping;

namespace Analytics.Warehouse.Tests.Loads;

/// <summary>A temp landing zone and warehouse file; lands fixture payloads with the real landing writer and loads them.</summary>
internal sealed class LoadFixture : IDisposable
{
    private readonly TempDirectory _dir = new("analytics-loads");
    private int _fetch;

    public LoadFixture()
    {
        Landing = new LandingZone(new LandingOptions { Path = _dir.Combine("landing") });
    }

    public LandingZone Landing { get; }

    public string LandingPath => _dir.Combine("landing");

    public string DatabasePath => _dir.Combine("analytics.duckdb");

    public string Combine(string name) => _dir.Combine(name);

    /// <summary>Lands one day folder (complete) holding the given files, in order.</summary>
    public async Task LandAsync(string source, string feed, string day, params (string Name, string Content)[] files)
    {
        var writer = Landing.StartDay(source, feed, DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture));
        foreach (var (name, content) in files)
        {
            await using var payload = writer.Begin(name);
            var bytes = Encoding.UTF8.GetBytes(content);
            await payload.Stream.WriteAsync(bytes);
            await payload.CommitAsync($"http://127.0.0.1/test/{source}/{feed}/{name}?n={_fetch++}", 1, CancellationToken.None);
        }

        await writer.CompleteAsync(CancellationToken.None);
    }

    /// <summary>Lands raw bytes as they are (for invalid UTF-8).</summary>
    public async Task LandBytesAsync(string source, string feed, string day, string name, byte[] bytes)
    {
        var writer = Landing.StartDay(source, feed, DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture));
        await using (var payload = writer.Begin(name))
        {
            await payload.Stream.WriteAsync(bytes);
            await payload.CommitAsync("http://127.0.0.1/test", 1, CancellationToken.None);
        }

        await writer.CompleteAsync(CancellationToken.None);
    }

    public Task<LoadReport> LoadAsync(MappingSettings? settings = null) =>
        new LandingLoader(Landing, settings ?? new MappingSettings()).LoadAllAsync(() => WarehouseDatabase.OpenReadWrite(DatabasePath), CancellationToken.None);

    /// <summary>Rows of a query as invariant strings ("NULL" for null), for exact comparisons.</summary>
    public List<string> Rows(string sql)
    {
        using var connection = WarehouseDatabase.OpenReadWrite(DatabasePath);
        using var command = connection.CreateCommand();
        command.CommandText = "SET TimeZone = 'UTC'; " + sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            var fields = new string[reader.FieldCount];
            for (var i = 0; i < reader.FieldCount; i++)
                fields[i] = reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)!;
            rows.Add(string.Join("|", fields));
        }

        return rows;
    }

    public string One(string sql) => Rows(sql).Single();

    /// <summary>Everything a load writes, minus wall-clock columns, in a stable order.</summary>
    public List<string> Snapshot()
    {
        var rows = new List<string>();
        // write_seq numbers the writes (an interrupted and resumed load, or a migration, makes more of them), not the data.
        rows.AddRange(Rows("SELECT * EXCLUDE (load_id, write_seq) FROM calls ORDER BY source, call_id").Select(r => "calls:" + r));
        rows.AddRange(Rows("SELECT * EXCLUDE (load_id) FROM sms ORDER BY source, message_id").Select(r => "sms:" + r));
        rows.AddRange(Rows("SELECT * EXCLUDE (load_id) FROM call_legs ORDER BY source, leg_id").Select(r => "call_legs:" + r));
        rows.AddRange(Rows("SELECT source, feed, file, sha256, rows_read, rows_loaded, rows_rejected, status FROM loads ORDER BY source, feed, file").Select(r => "loads:" + r));
        rows.AddRange(Rows("SELECT source, feed, file, ordinal, reason, raw FROM rejects ORDER BY all").Select(r => "rejects:" + r));
        foreach (var table in RawColumns.ByTable.Keys.Order(StringComparer.Ordinal))
            rows.AddRange(Rows($"SELECT * EXCLUDE (load_id) FROM {table} ORDER BY all").Select(r => table + ":" + r));
        rows.AddRange(Rows("SELECT source, feed, key, value FROM ingest_state ORDER BY all").Select(r => "state:" + r));
        return rows;
    }

    public static void AssertClean(LoadReport report)
    {
        var problems = report.Files.Where(f => f.Message is not null).Select(f => f.Message).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.All(report.Files, f => Assert.Equal(0, f.RowsRejected));
    }

    public void Dispose() => _dir.Dispose();
}

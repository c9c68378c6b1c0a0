using System.IO.Compression;
using System.Text;
using Analytics.Warehouse.Tests.Loads;

namespace Analytics.Warehouse.Tests.Landing;

/// <summary>Issue #22 item 1: <c>analytics land televoips FILE</c> lands a hand-downloaded export like a fetched one; the next load loads it once.</summary>
public sealed class LandCommandTests : IDisposable
{
    private readonly LoadFixture _fixture = new();

    [Fact]
    public async Task A_gzipped_export_lands_under_its_day_and_loads_once()
    {
        var file = _fixture.Combine("cdrs_download.csv.gz");
        await using (var gzip = new GZipStream(File.Create(file), CompressionLevel.Optimal))
            await gzip.WriteAsync(Encoding.UTF8.GetBytes(Fixtures.TeleVoipsCsv));

        var (code, stdout, stderr) = await RunAsync("land", "televoips", file);

        Assert.True(code == 0, stderr);
        Assert.Contains("televoips/cdrs 2026-11-20: landed 7 records", stdout, StringComparison.Ordinal);
        var day = Path.Combine(_fixture.LandingPath, "televoips", "cdrs", "2026-11-20");
        Assert.Equal(Fixtures.TeleVoipsCsv, await File.ReadAllTextAsync(Path.Combine(day, "cdrs_2026-11-20.csv")));
        Assert.True(File.Exists(Path.Combine(day, "_complete")));
        var manifest = Assert.Single(await File.ReadAllLinesAsync(Path.Combine(day, "manifest.jsonl")));
        Assert.Contains($"\"url\":\"{new Uri(file).AbsoluteUri}\"", manifest, StringComparison.Ordinal);
        Assert.Contains("\"records\":7", manifest, StringComparison.Ordinal);

        var again = await RunAsync("land", "televoips", file);
        Assert.Equal(0, again.Code);
        Assert.Contains("already landed", again.Stdout, StringComparison.Ordinal);

        var load = await RunAsync("load");
        Assert.True(load.Code == 0, load.Stderr);
        Assert.Contains("televoips/cdrs: 1 files, 7 rows loaded", load.Stdout, StringComparison.Ordinal);
        var second = await RunAsync("load");
        Assert.Equal("televoips/cdrs: 0 new rows (already loaded: 1 files)\nnothing new waiting in landing\n", second.Stdout.ReplaceLineEndings("\n"));
        Assert.Equal("5", _fixture.One("SELECT count(*) FROM calls WHERE source = 'televoips'"));
    }

    [Fact]
    public async Task The_day_can_be_given_and_a_different_file_for_a_landed_day_needs_force()
    {
        var file = _fixture.Combine("export.csv");
        await File.WriteAllTextAsync(file, Fixtures.TeleVoipsCsv);
        Assert.Equal(0, (await RunAsync("land", "televoips", file, "--day", "2026-11-21")).Code);

        var other = _fixture.Combine("other.csv");
        await File.WriteAllTextAsync(other, Fixtures.TeleVoipsCsv.Replace("\"BUSY\"", "\"ANSWERED\"", StringComparison.Ordinal));
        var refused = await RunAsync("land", "televoips", other, "--day", "2026-11-21");
        Assert.NotEqual(0, refused.Code);
        Assert.Equal("analytics: televoips: 2026-11-21 is already landed with other content (cdrs_2026-11-21.csv); --force replaces it", refused.Stderr.Trim());

        var forced = await RunAsync("land", "televoips", other, "--day", "2026-11-21", "--force");
        Assert.Equal(0, forced.Code);
        var landed = Path.Combine(_fixture.LandingPath, "televoips", "cdrs", "2026-11-21", "cdrs_2026-11-21.csv");
        Assert.Contains("\"ANSWERED\",3,\"\",\"1763629680.5\"", await File.ReadAllTextAsync(landed), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("id,created_at,cost\n1,2026-11-20,0.1\n", "analytics: televoips: not-cdrs.csv line 1: not a TeleVoIPs CDR export: expected a header with calldate, uniqueid, src, dst, duration, billsec, disposition, missing calldate, uniqueid, src, dst, duration, billsec, disposition")]
    [InlineData("{\"data\":[]}\n", "analytics: televoips: not-cdrs.csv line 1: not a TeleVoIPs CDR export: expected a header with calldate, uniqueid, src, dst, duration, billsec, disposition, missing calldate, uniqueid, src, dst, duration, billsec, disposition")]
    public async Task A_file_that_is_not_an_export_is_one_line_naming_it_and_lands_nothing(string content, string expected)
    {
        var file = _fixture.Combine("not-cdrs.csv");
        await File.WriteAllTextAsync(file, content);

        var (code, _, stderr) = await RunAsync("land", "televoips", file);

        Assert.NotEqual(0, code);
        Assert.Equal(expected, stderr.Trim());
        Assert.False(Directory.Exists(Path.Combine(_fixture.LandingPath, "televoips")));
    }

    [Fact]
    public async Task A_file_whose_rows_tell_no_day_asks_for_one()
    {
        var file = _fixture.Combine("cdrs.csv");
        await File.WriteAllTextAsync(file, Fixtures.TeleVoipsHeader + "\n");

        var (code, _, stderr) = await RunAsync("land", "televoips", file);

        Assert.NotEqual(0, code);
        Assert.Equal($"analytics: televoips: {file}: no row has a calldate to tell the day by; give it with --day yyyy-MM-dd", stderr.Trim());
    }

    private async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] arguments)
    {
        using var process = AnalyticsProcess.Analytics(_fixture, null, arguments);
        var code = await process.ExitCodeAsync();
        return (code, process.Stdout, process.Stderr);
    }

    public void Dispose() => _fixture.Dispose();
}

using Analytics.Landing;
using Analytics.Warehouse.Loads;
using Analytics.Warehouse.Mapping;

namespace Analytics.Warehouse.Tests.Loads;

/// <summary>Issue #23, defect 4: one bad landing day or one bad setting is skipped, named, and recorded; the rest loads.</summary>
public sealed class SkipTests : IDisposable
{
    private readonly LoadFixture _fixture = new();

    [Fact]
    public async Task Half_a_manifest_line_skips_that_day_only()
    {
        await LoadIdempotencyTests.LandEverythingAsync(_fixture);
        var manifest = Manifest("callr", "cdr_out");
        var line = (await File.ReadAllTextAsync(manifest)).TrimEnd('\n');
        await File.WriteAllTextAsync(manifest, line[..(line.Length / 2)] + "\n");

        var report = await _fixture.LoadAsync();

        var skip = Assert.Single(report.Skipped);
        Assert.Equal(("callr", "cdr_out", new DateOnly(2026, 11, 20)), (skip.Source, skip.Feed!, skip.Day!.Value));
        Assert.StartsWith("callr/cdr_out 2026-11-20 skipped: landing: ", skip.Reason, StringComparison.Ordinal);
        Assert.Contains($"{manifest} line 1 is not a manifest entry", skip.Reason, StringComparison.Ordinal);
        AssertPersonal(skip.Reason);
        AssertEverythingElseLoaded(report, ("callr", "cdr_out"));
        Assert.Equal(["callr|cdr_out|2026-11-20|callr/cdr_out/2026-11-20/manifest.jsonl"], _fixture.Rows("SELECT source, feed, CAST(day AS VARCHAR), subject FROM load_skips"));
    }

    [Fact]
    public async Task A_manifest_listing_more_files_than_the_marker_counts_skips_that_day_only()
    {
        await LoadIdempotencyTests.LandEverythingAsync(_fixture);
        var manifest = Manifest("telnyx", "messaging");
        await File.AppendAllTextAsync(manifest, (await File.ReadAllTextAsync(manifest)).Replace("page-0001.json", "page-0002.json", StringComparison.Ordinal));

        var report = await _fixture.LoadAsync();

        var skip = Assert.Single(report.Skipped);
        Assert.Equal(("telnyx", "messaging"), (skip.Source, skip.Feed!));
        Assert.Contains($"{manifest} lists 2 files but _complete says 1", skip.Reason, StringComparison.Ordinal);
        AssertPersonal(skip.Reason);
        AssertEverythingElseLoaded(report, ("telnyx", "messaging"));
    }

    [Fact]
    public async Task An_invalid_TeleVoIPs_time_zone_skips_that_source_only_and_a_fixed_one_loads_it()
    {
        await LoadIdempotencyTests.LandEverythingAsync(_fixture);

        var report = await _fixture.LoadAsync(new MappingSettings(TeleVoipsTimeZone: "Mars/Olympus_Mons"));

        var skip = Assert.Single(report.Skipped);
        Assert.Equal(("televoips", null, null, "Sources:TeleVoips:TimeZone"), (skip.Source, skip.Feed, skip.Day, skip.Subject));
        Assert.Equal("televoips skipped: Sources:TeleVoips:TimeZone 'Mars/Olympus_Mons' is not a time zone (expected an IANA name such as Europe/Paris); its files stay in landing", skip.Reason);
        AssertEverythingElseLoaded(report, ("televoips", "cdrs"));
        Assert.Equal(["1"], _fixture.Rows("SELECT count(*) FROM load_skips"));

        var fixedLoad = await _fixture.LoadAsync();
        Assert.Empty(fixedLoad.Skipped);
        Assert.Equal("televoips", Assert.Single(fixedLoad.Files).Source);
        Assert.Equal(["0"], _fixture.Rows("SELECT count(*) FROM load_skips"));
    }

    private string Manifest(string source, string feed) =>
        Path.Combine(_fixture.LandingPath, source, feed, "2026-11-20", LandingZone.ManifestFileName);

    // Every landed feed but the skipped one is loaded.
    private void AssertEverythingElseLoaded(LoadReport report, (string Source, string Feed) skipped)
    {
        Assert.True(report.HasFailures);
        Assert.Equal(6, report.Files.Count);
        Assert.All(report.Files, f => Assert.Equal(FileOutcome.Loaded, f.Outcome));
        Assert.DoesNotContain(report.Files, f => (f.Source, f.Feed) == skipped);
        Assert.Equal(["0"], _fixture.Rows($"SELECT count(*) FROM loads WHERE source = '{skipped.Source}' AND feed = '{skipped.Feed}'"));
        Assert.NotEqual(["0"], _fixture.Rows("SELECT count(*) FROM calls"));
        Assert.NotEqual(["0"], _fixture.Rows("SELECT count(*) FROM sms"));
    }

    // One line for a person: no exception class names, no DuckDB error text.
    private static void AssertPersonal(string reason)
    {
        Assert.DoesNotContain('\n', reason);
        Assert.DoesNotContain("Exception", reason, StringComparison.Ordinal);
        Assert.DoesNotContain(" Error:", reason, StringComparison.Ordinal);
    }

    public void Dispose() => _fixture.Dispose();
}

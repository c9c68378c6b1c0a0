using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Analytics.Reports.Email;
using Analytics.Reports.Trust;
using Analytics.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Analytics.Reports.Tests;

/// <summary>The whole report run on <see cref="ReportDataset"/>, compared with reviewed golden files.</summary>
public sealed partial class ReportGeneratorTests(ReportDatasetFixture fixture) : IClassFixture<ReportDatasetFixture>, IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 10, 28, 6, 0, 0, TimeSpan.Zero);
    private readonly string _output = Directory.CreateTempSubdirectory("report-out-").FullName;

    private async Task<ReportResult> GenerateAsync(IReadOnlyList<SourceCoverage>? coverage = null, Granularity granularity = Granularity.Day)
    {
        var culture = CultureInfo.CurrentCulture;
        // A comma-decimal, space-grouping culture proves nothing depends on the machine's culture
        // (built by hand: the test host may run in globalization-invariant mode).
        var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        comma.NumberFormat.NumberDecimalSeparator = ",";
        comma.NumberFormat.NumberGroupSeparator = " ";
        CultureInfo.CurrentCulture = comma;
        try
        {
            await using var connection = fixture.Dataset.OpenReadOnly();
            return await new ReportGenerator(new FixedClock(Now), NullLogger<ReportGenerator>.Instance)
                .GenerateAsync(connection, ReportDataset.From, ReportDataset.To, granularity, ReportDataset.Options(_output), CancellationToken.None, coverage);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public async Task The_run_writes_every_csv_in_a_folder_named_after_the_period()
    {
        var result = await GenerateAsync();
        Assert.Equal(Path.Combine(_output, "2026-10-24_2026-10-27"), result.Directory);
        Assert.Equal(
            ["calls_summary.csv", "calls_history.csv", "calls_by_app.csv", "calls_by_country.csv", "calls_by_destination.csv", "calls_by_did.csv", "sms_summary.csv", "sms_history.csv",
             "comparison.csv", "alerts.csv"],
            result.Csv.Select(Path.GetFileName));
    }

    [Fact]
    public async Task Another_granularity_writes_its_own_folder_and_the_index_lists_both()
    {
        await GenerateAsync();
        var weekly = await GenerateAsync(granularity: Granularity.Week);
        Assert.Equal(Path.Combine(_output, "2026-10-24_2026-10-27_week"), weekly.Directory);
        var index = await File.ReadAllTextAsync(Path.Combine(_output, "index.html"));
        Assert.Contains("href=\"2026-10-24_2026-10-27/index.html\"", index, StringComparison.Ordinal);
        Assert.Contains("href=\"2026-10-24_2026-10-27_week/index.html\"", index, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("calls_summary")]
    [InlineData("calls_history")]
    [InlineData("calls_by_app")]
    [InlineData("calls_by_country")]
    [InlineData("calls_by_destination")]
    [InlineData("calls_by_did")]
    [InlineData("sms_summary")]
    [InlineData("sms_history")]
    [InlineData("comparison")]
    public async Task Each_csv_matches_its_golden_file(string name)
    {
        var result = await GenerateAsync();
        Golden.Verify(await File.ReadAllTextAsync(Path.Combine(result.Directory, name + ".csv")), name, "csv");
    }

    [Fact]
    public async Task The_json_matches_its_golden_file_in_callr_shapes()
    {
        var result = await GenerateAsync();
        var text = await File.ReadAllTextAsync(result.Json);
        Golden.Verify(text, "analytics", "json");
        using var json = JsonDocument.Parse(text);
        var outbound = json.RootElement.GetProperty("Analytics.Calls.Summary").GetProperty("ALL").GetProperty("USD").GetProperty("OUT");
        Assert.Equal(["aloc", "count", "credit", "debit", "debit_billed", "debit_estimated", "duration"], outbound.EnumerateObject().Select(p => p.Name));
        Assert.Equal("7.5000", outbound.GetProperty("debit").GetString()); // 0.075 USD in cents
    }

    [Fact]
    public async Task Every_chart_has_a_png_and_an_svg_and_finance_spend_comes_first()
    {
        var result = await GenerateAsync();
        Assert.Equal("charts/spend_by_source_eur.png", result.Digest.Charts[0].Png);
        Assert.All(result.Digest.Charts, c =>
        {
            Assert.True(new FileInfo(Path.Combine(result.Directory, c.Png)).Length > 5000, c.Png);
            Assert.Contains("<svg", File.ReadAllText(Path.Combine(result.Directory, c.Svg)), StringComparison.Ordinal);
        });
        // A 4-day report shows the trailing 14 days for context.
        Assert.Equal(("Spend per day by source (EUR)", "calls and SMS, last 14 days"), (result.Digest.Charts[0].Title, result.Digest.Charts[0].Note));
        // Drawn at twice the layout size, for phones' dense screens.
        using var png = SkiaSharp.SKBitmap.Decode(Path.Combine(result.Directory, result.Digest.Charts[0].Png));
        Assert.Equal((1120, 800), (png.Width, png.Height));
    }

    [Fact]
    public async Task The_html_page_matches_its_golden_file_with_charts_inline()
    {
        var result = await GenerateAsync();
        var html = await File.ReadAllTextAsync(result.Html);
        Assert.DoesNotContain("src=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<link", html, StringComparison.Ordinal);
        Assert.All(result.Files, f => Assert.True(File.Exists(f), f));
        Golden.Verify(Svg().Replace(html, "<svg>…</svg>"), "report", "html");
    }

    [Fact]
    public async Task The_email_text_and_html_match_their_golden_files()
    {
        var result = await GenerateAsync();
        var digest = ReportFolder.Read(result.Directory).Digest;
        Golden.Verify(ReportEmailComposer.Text(digest), "email", "txt");
        Golden.Verify(ReportEmailComposer.Html(digest, [.. digest.Charts.Select((c, i) => ($"chart{i + 1}@analytics", c))]), "email", "html");
    }

    [Fact]
    public async Task A_failed_source_makes_the_subject_partial_and_the_html_and_json_say_the_same()
    {
        var result = await GenerateAsync([SourceCoverage.Included("telnyx"), SourceCoverage.Failed("callr", "HTTP 401 Unauthorized: check Sources:Callr:ApiKey"),
            SourceCoverage.Included("televoips"), SourceCoverage.NotConfigured("telgorithm")]);

        var digest = ReportFolder.Read(result.Directory).Digest;
        Assert.StartsWith("PARTIAL (callr failed: HTTP 401 Unauthorized: check Sources:Callr:ApiKey): Analytics 2026-10-24 to 2026-10-27", ReportEmailComposer.Subject(digest), StringComparison.Ordinal);
        Assert.Contains("FAILED: callr (HTTP 401 Unauthorized: check Sources:Callr:ApiKey)", ReportEmailComposer.Text(digest), StringComparison.Ordinal);
        var html = await File.ReadAllTextAsync(result.Html);
        Assert.Contains("<title>PARTIAL Analytics report", html, StringComparison.Ordinal);
        Assert.Contains("FAILED: callr (HTTP 401 Unauthorized: check Sources:Callr:ApiKey)", html, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(result.Json));
        var meta = json.RootElement.GetProperty("meta");
        Assert.True(meta.GetProperty("partial").GetBoolean());
        Assert.Equal("callr", meta.GetProperty("sources_failed")[0].GetProperty("source").GetString());
        // telgorithm's numbers are in the warehouse for the period: it is included, not "not configured", whatever the caller says.
        Assert.Empty(meta.GetProperty("sources_not_configured").EnumerateArray());
        Assert.Equal(["televoips", "telgorithm", "telnyx"], meta.GetProperty("sources_included").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("<b>PARTIAL</b>", await File.ReadAllTextAsync(Path.Combine(_output, "index.html")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_coverage_a_source_with_a_landing_folder_but_no_complete_day_is_missing_days()
    {
        var landing = Path.Combine(_output, "landing");
        Directory.CreateDirectory(Path.Combine(landing, "telgorithm", "messages", "2026-10-24"));
        await using var connection = fixture.Dataset.OpenReadOnly();
        var result = await new ReportGenerator(new FixedClock(Now), NullLogger<ReportGenerator>.Instance).GenerateAsync(connection, ReportDataset.From, ReportDataset.To,
            Granularity.Day, ReportDataset.Options(_output), CancellationToken.None, landingPath: landing);

        var telgorithm = Assert.Single(result.Digest.Coverage, c => c.Source == "telgorithm");
        Assert.Equal(SourceCoverageState.MissingDays, telgorithm.State);
        Assert.Equal(4, telgorithm.MissingDays.Count);
        Assert.Equal(SourceCoverageState.Included, result.Digest.Coverage.Single(c => c.Source == "callr").State);
        Assert.True(result.Digest.Partial);
    }

    public void Dispose() => Directory.Delete(_output, recursive: true);

    [GeneratedRegex("<svg[\\s\\S]*?</svg>")]
    private static partial Regex Svg();
}

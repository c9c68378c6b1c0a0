using System.Globalization;
using System.Text.Json;
using Analytics.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Analytics.Reports.Tests;

/// <summary>The whole report run on <see cref="ReportDataset"/>, compared with reviewed golden files.</summary>
public sealed class ReportGeneratorTests(ReportDatasetFixture fixture) : IClassFixture<ReportDatasetFixture>, IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 10, 28, 6, 0, 0, TimeSpan.Zero);
    private readonly string _output = Directory.CreateTempSubdirectory("report-out-").FullName;

    private async Task<ReportResult> GenerateAsync()
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
                .GenerateAsync(connection, ReportDataset.From, ReportDataset.To, Granularity.Day, ReportDataset.Options(_output), CancellationToken.None);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public async Task The_run_writes_the_eight_csv_files_in_a_folder_named_after_the_period()
    {
        var result = await GenerateAsync();
        Assert.Equal(Path.Combine(_output, "2026-10-24_2026-10-27"), result.Directory);
        Assert.Equal(
            ["calls_summary.csv", "calls_history.csv", "calls_by_app.csv", "calls_by_country.csv", "calls_by_destination.csv", "calls_by_did.csv", "sms_summary.csv", "sms_history.csv"],
            result.Csv.Select(Path.GetFileName));
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
        Assert.Equal(["aloc", "count", "credit", "debit", "duration"], outbound.EnumerateObject().Select(p => p.Name));
        Assert.Equal("7.5000", outbound.GetProperty("debit").GetString()); // 0.075 USD in cents
    }

    [Fact]
    public async Task The_spend_chart_matches_its_golden_svg_and_every_chart_has_a_png()
    {
        var result = await GenerateAsync();
        var svg = result.Charts.Single(f => Path.GetFileName(f) == "spend_by_source_eur.svg");
        Golden.Verify(await File.ReadAllTextAsync(svg), "spend_by_source_eur", "svg");
        if (File.Exists("/usr/bin/rsvg-convert"))
            Assert.All(result.Charts.Where(f => f.EndsWith(".svg", StringComparison.Ordinal)), f => Assert.Contains(Path.ChangeExtension(f, ".png"), result.Charts));
    }

    [Fact]
    public async Task The_html_page_is_self_contained_and_starts_with_spend()
    {
        var result = await GenerateAsync();
        var html = await File.ReadAllTextAsync(result.Html);
        Assert.DoesNotContain("src=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<link", html, StringComparison.Ordinal);
        Assert.Contains("0.26 EUR", html, StringComparison.Ordinal);
        Assert.Contains("generated 2026-10-28 06:00 UTC", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf("Spend per day by source", StringComparison.Ordinal) < html.IndexOf("Calls per day", StringComparison.Ordinal));
        Assert.All(result.Files, f => Assert.True(File.Exists(f), f));
    }

    public void Dispose() => Directory.Delete(_output, recursive: true);
}

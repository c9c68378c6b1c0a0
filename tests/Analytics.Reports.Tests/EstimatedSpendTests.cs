using System.Text.Json;
using Analytics.Reports.Email;
using Analytics.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Analytics.Reports.Tests;

/// <summary>
/// Spend we priced from the rate deck (cost_basis 'rated') is an estimate: every place that shows spend says how
/// much of it the providers billed and how much is estimated, and never adds the estimate in unnamed.
/// </summary>
public sealed class EstimatedSpendTests : IDisposable
{
    // A TeleVoIPs call priced from the rate deck on the 27th: 65 s at 0.06/min, an estimate of 0.065 EUR.
    private const string RatedCall = """
        INSERT INTO calls (source, call_id, direction, started_at, status, answered_s, billed_s, duration_s, caller, callee, did,
                           country_code, destination, app_id, app_name, debit, credit, currency, load_id, cost_basis)
        VALUES ('televoips', 'v3', 'OUT', '2026-10-27 12:00:00+00', 'ANSWERED', 60, 60, 65, '201', '+33612345678', NULL, 'FR', NULL, NULL, NULL,
                0.065, NULL, 'EUR', 3, 'rated');
        """;

    private readonly ReportDataset _dataset = new(RatedCall);
    private readonly TempDirectory _output = new("report-estimated");

    [Fact]
    public async Task A_report_with_rated_calls_splits_spend_into_billed_and_estimated_everywhere()
    {
        var result = await GenerateAsync();

        // calls_summary.csv: TeleVoIPs' spend is all estimated; the ALL row keeps CALLR's billed spend apart.
        var summary = Csv(Path.Combine(result.Directory, "calls_summary.csv"));
        Assert.Equal(("0.0650", "0.0000", "0.0650"), Split(summary, "televoips", "OUT", "EUR"));
        Assert.Equal(("0.1850", "0.1200", "0.0650"), Split(summary, "ALL", "OUT", "EUR"));
        Assert.Equal(("0.0750", "0.0750", "0.0000"), Split(summary, "ALL", "OUT", "USD"));
        Assert.Equal(("", "", ""), Split(summary, "televoips", "IN", ""));
        Assert.Equal(("0.1000", "0.1000", "0.0000"), Split(Csv(Path.Combine(result.Directory, "sms_summary.csv")), "callr", "OUT", "EUR"));

        // analytics.json (cents, as CALLR writes amounts), beside debit.
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(result.Json));
        var televoips = json.RootElement.GetProperty("Analytics.Calls.Summary").GetProperty("televoips").GetProperty("EUR").GetProperty("OUT");
        Assert.Equal(("6.5000", "0.0000", "6.5000"),
            (televoips.GetProperty("debit").GetString(), televoips.GetProperty("debit_billed").GetString(), televoips.GetProperty("debit_estimated").GetString()));

        // The headline, the page's spend card and the email say how much is estimated.
        Assert.Equal(0.065m, result.Headline.EstimatedSpend!["EUR"]);
        Assert.Equal(0.26m, result.Headline.BilledSpend["EUR"]);
        Assert.Equal(0.091m, result.Headline.BilledSpend["USD"]);
        var page = await File.ReadAllTextAsync(result.Html);
        Assert.Contains("<b>0.33 EUR</b><span>spend (calls + SMS): 0.26 billed, 0.07 estimated from the rate deck</span>", page, StringComparison.Ordinal);
        Assert.Contains("<b>0.09 USD</b><span>spend (calls + SMS), billed by the providers</span>", page, StringComparison.Ordinal);
        var digest = ReportDigest.Read(result.Directory);
        Assert.Contains("Spend: €0.33 + $0.09 (calls + SMS): €0.26 + $0.09 billed, €0.07 estimated from the rate deck\n",
            ReportEmailComposer.Text(digest), StringComparison.Ordinal);
    }

    private async Task<ReportResult> GenerateAsync()
    {
        await using var connection = _dataset.OpenReadOnly();
        return await new ReportGenerator(new FixedClock(new DateTimeOffset(2026, 10, 28, 6, 0, 0, TimeSpan.Zero)), NullLogger<ReportGenerator>.Instance)
            .GenerateAsync(connection, ReportDataset.From, ReportDataset.To, Granularity.Day, ReportDataset.Options(_output.Path), CancellationToken.None);
    }

    private static List<Dictionary<string, string>> Csv(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        return [.. lines.Skip(1).Select(l => header.Zip(l.Split(',')).ToDictionary(p => p.First, p => p.Second))];
    }

    private static (string Debit, string Billed, string Estimated) Split(List<Dictionary<string, string>> rows, string source, string direction, string currency)
    {
        var row = rows.Single(r => r["source"] == source && r["direction"] == direction && r["currency"] == currency);
        return (row["debit"], row["debit_billed"], row["debit_estimated"]);
    }

    public void Dispose()
    {
        _dataset.Dispose();
        _output.Dispose();
    }
}

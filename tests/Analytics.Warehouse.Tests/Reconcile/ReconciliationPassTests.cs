using Analytics.Landing;
using Analytics.Warehouse.Loads;
using Analytics.Warehouse.Mapping;
using Analytics.Warehouse.Tests.Loads;

namespace Analytics.Warehouse.Tests.Reconcile;

/// <summary>The warehouse against a provider's own totals, from landed files through a real load.</summary>
public sealed class ReconciliationPassTests : IDisposable
{
    // Two outbound messages of 2026-11-20 (one with a carrier fee) and one inbound: OUT is 2 messages, 3 parts, 0.0080 + 0.0040 + 0.0030 fee.
    private const string Messages = """
        {"data":[
          {"record_type":"message_detail_record","uuid":"m-1","created_at":"2026-11-20T08:00:00.000Z","direction":"outbound","cli":"+14155550100","cld":"+14155550101",
           "message_type":"SMS","parts":2,"status":"delivered","cost":"0.0080","currency":"USD","carrier_fee":"0.0030"},
          {"record_type":"message_detail_record","uuid":"m-2","created_at":"2026-11-20T23:59:59.999Z","direction":"outbound","cli":"+14155550100","cld":"+14155550102",
           "message_type":"SMS","parts":1,"status":"delivered","cost":"0.0040","currency":"USD"},
          {"record_type":"message_detail_record","uuid":"m-3","created_at":"2026-11-20T09:00:00.000Z","direction":"inbound","cli":"+14155550103","cld":"+14155550100",
           "message_type":"SMS","parts":1,"status":"received","cost":"0.0000","currency":"USD"}
        ],"meta":{"page_number":1,"total_pages":1,"total_results":3,"page_size":50}}
        """;

    private readonly LoadFixture _fixture = new();

    [Fact]
    public async Task An_exact_day_is_ok_with_the_carrier_fee_counted_as_cost_on_both_sides()
    {
        await _fixture.LandAsync("telnyx", "messaging", "2026-11-20", ("page-0001.json", Messages));
        await LandUsageAsync(outboundCost: "0.0120", outboundFee: "0.0030");

        var report = await LoadAsync(0m);

        Assert.Equal(6, report.ReconciliationRows);
        Assert.Equal(
        [
            "sms|IN|USD|cost|0.000000|0.000000|0.000000|ok",
            "sms|IN|USD|count|1.000000|1.000000|0.000000|ok",
            "sms|IN|USD|parts|1.000000|1.000000|0.000000|ok",
            "sms|OUT|USD|cost|0.015000|0.015000|0.000000|ok",
            "sms|OUT|USD|count|2.000000|2.000000|0.000000|ok",
            "sms|OUT|USD|parts|3.000000|3.000000|0.000000|ok",
        ], Rows());
    }

    [Fact]
    public async Task The_tolerance_is_a_percentage_of_the_provider_figure()
    {
        await _fixture.LandAsync("telnyx", "messaging", "2026-11-20", ("page-0001.json", Messages));
        // The provider says 0.0151 for OUT (cost 0.0121 + fee 0.0030) against the warehouse's 0.0150: 0.66 % off.
        await LandUsageAsync(outboundCost: "0.0121", outboundFee: "0.0030");

        await LoadAsync(0.5m);
        Assert.Equal("sms|OUT|USD|cost|0.015100|0.015000|-0.000100|mismatch", Rows().Single(r => r.StartsWith("sms|OUT|USD|cost", StringComparison.Ordinal)));

        // The same figures with a 1 % tolerance: the load that lands the day again recomputes it.
        await LandUsageAsync(outboundCost: "0.0121", outboundFee: "0.0030", fetch: 2);
        await LoadAsync(1m);
        Assert.Equal("sms|OUT|USD|cost|0.015100|0.015000|-0.000100|ok", Rows().Single(r => r.StartsWith("sms|OUT|USD|cost", StringComparison.Ordinal)));
        Assert.All(Rows(), r => Assert.EndsWith("|ok", r, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_day_without_the_provider_totals_is_unavailable_with_the_warehouse_figures_alone()
    {
        await _fixture.LandAsync("telnyx", "messaging", "2026-11-20", ("page-0001.json", Messages));

        await LoadAsync(0.5m);

        Assert.Contains("sms|OUT|USD|count|NULL|2.000000|NULL|unavailable", Rows());
        Assert.All(Rows(), r => Assert.EndsWith("|unavailable", r, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Totals_that_are_not_what_the_feed_promises_are_rejected_and_never_fail_the_load()
    {
        await _fixture.LandAsync("telnyx", "messaging", "2026-11-20", ("page-0001.json", Messages));
        await _fixture.LandAsync("telnyx", ProviderTotals.TelnyxMessaging, "2026-11-20", (ProviderTotals.FileName, """{"data":{"status":"PENDING"}}"""));

        var report = await LoadAsync(0.5m);

        Assert.False(report.HasFailures);
        var rejected = Assert.Single(report.Totals);
        Assert.Equal(FileOutcome.Rejected, rejected.Outcome);
        Assert.Contains("data.status is PENDING", rejected.Message, StringComparison.Ordinal);
        Assert.All(Rows(), r => Assert.EndsWith("|unavailable", r, StringComparison.Ordinal));
        Assert.Equal("rejected", _fixture.One("SELECT status FROM loads WHERE feed = 'mdr_usage'"));
    }

    private Task LandUsageAsync(string outboundCost, string outboundFee, int fetch = 1) =>
        _fixture.LandAsync("telnyx", ProviderTotals.TelnyxMessaging, "2026-11-20", (ProviderTotals.FileName, $$$"""
            {"data":{"id":"r-{{{fetch}}}","record_type":"mdr_usage_report","status":"COMPLETE","result":[
              {"direction":"outbound","currency":"USD","message_type":"SMS","sent":"2","received":"0","delivered":"2","parts":"3","cost":"{{{outboundCost}}}","carrier_passthrough_fee":"{{{outboundFee}}}"},
              {"direction":"inbound","currency":"USD","message_type":"SMS","sent":"0","received":"1","delivered":"0","parts":"1","cost":"0","carrier_passthrough_fee":"0"}
            ]}}
            """));

    private Task<LoadReport> LoadAsync(decimal tolerance) =>
        new LandingLoader(_fixture.Landing, new MappingSettings(), reconcile: new ReconcileOptions { Tolerance = tolerance })
            .LoadAllAsync(() => WarehouseDatabase.OpenReadWrite(_fixture.DatabasePath), CancellationToken.None);

    private List<string> Rows() =>
        _fixture.Rows("SELECT kind, direction, currency, metric, provider_value, warehouse_value, difference, status FROM reconciliation WHERE source = 'telnyx' AND day = DATE '2026-11-20' ORDER BY ALL");

    public void Dispose() => _fixture.Dispose();
}

using System.Globalization;
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

    [Fact]
    public async Task A_count_one_call_off_in_ten_thousand_is_a_mismatch_while_cost_a_tenth_of_a_percent_off_is_ok()
    {
        // 10,000 answered outbound calls of 60 s at 0.0100 USD: the warehouse's figures are 10000, 600000 s and 100.0000 USD.
        var calls = Enumerable.Range(0, 10_000).Select(i => VoiceRecord($"c-{i:D5}", new DateTime(2026, 11, 20, 0, 0, 0, DateTimeKind.Utc).AddSeconds(i * 8)));
        await _fixture.LandAsync("telnyx", "call-control", "2026-11-20", ("page-0001.json", VoicePage(calls)));
        // Telnyx says one call more, the same seconds, and 0.1 % more money: well within the 0.5 % tolerance, which counts never get.
        await LandVoiceUsageAsync("2026-11-20", count: 10_001, billedSeconds: 600_000, cost: "100.1000");

        await LoadAsync(0.5m);

        Assert.Equal(
        [
            "calls|OUT|USD|billed_seconds|600000.000000|600000.000000|0.000000|ok|0.5000",
            "calls|OUT|USD|cost|100.100000|100.000000|-0.100000|ok|0.5000",
            "calls|OUT|USD|count|10001.000000|10000.000000|-1.000000|mismatch|0.0000",
        ], _fixture.Rows("SELECT kind, direction, currency, metric, provider_value, warehouse_value, difference, status, tolerance_percent FROM reconciliation ORDER BY ALL"));
    }

    [Fact]
    public async Task Parts_compare_exactly_too()
    {
        await _fixture.LandAsync("telnyx", "messaging", "2026-11-20", ("page-0001.json", Messages));
        // The OUT messages are 3 parts; Telnyx says 4 with the same money: a 33 % gap would pass any tolerance that large, but parts are counted.
        await _fixture.LandAsync("telnyx", ProviderTotals.TelnyxMessaging, "2026-11-20", (ProviderTotals.FileName, """
            {"data":{"id":"r-1","record_type":"mdr_usage_report","status":"COMPLETE","result":[
              {"direction":"outbound","currency":"USD","message_type":"SMS","sent":"2","received":"0","delivered":"2","parts":"4","cost":"0.0120","carrier_passthrough_fee":"0.0030"},
              {"direction":"inbound","currency":"USD","message_type":"SMS","sent":"0","received":"1","delivered":"0","parts":"1","cost":"0","carrier_passthrough_fee":"0"}
            ]}}
            """));

        await LoadAsync(50m);

        Assert.Equal("sms|OUT|USD|parts|4.000000|3.000000|-1.000000|mismatch", Rows().Single(r => r.StartsWith("sms|OUT|USD|parts", StringComparison.Ordinal)));
        Assert.Equal("sms|OUT|USD|cost|0.015000|0.015000|0.000000|ok", Rows().Single(r => r.StartsWith("sms|OUT|USD|cost", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_call_at_23_59_59_UTC_and_one_at_midnight_reconcile_on_their_own_UTC_days()
    {
        // Both in the file landed for the 20th (a page ends where it ends); the 21st's file is empty. started_at is TIMESTAMPTZ.
        await _fixture.LandAsync("telnyx", "call-control", "2026-11-20", ("page-0001.json", VoicePage(
        [
            VoiceRecord("c-last", new DateTime(2026, 11, 20, 23, 59, 59, DateTimeKind.Utc)),
            VoiceRecord("c-first", new DateTime(2026, 11, 21, 0, 0, 0, DateTimeKind.Utc)),
        ])));
        await _fixture.LandAsync("telnyx", "call-control", "2026-11-21", ("page-0001.json", VoicePage([])));
        await LandVoiceUsageAsync("2026-11-20", count: 1, billedSeconds: 60, cost: "0.0100");
        await LandVoiceUsageAsync("2026-11-21", count: 1, billedSeconds: 60, cost: "0.0100");

        await LoadAsync(0m);

        Assert.Equal("TIMESTAMP WITH TIME ZONE", _fixture.One("SELECT data_type FROM information_schema.columns WHERE table_name = 'calls' AND column_name = 'started_at'"));
        Assert.Equal(
        [
            "2026-11-20|billed_seconds|60.000000|ok",
            "2026-11-20|cost|0.010000|ok",
            "2026-11-20|count|1.000000|ok",
            "2026-11-21|billed_seconds|60.000000|ok",
            "2026-11-21|cost|0.010000|ok",
            "2026-11-21|count|1.000000|ok",
        ], _fixture.Rows("SELECT CAST(day AS VARCHAR), metric, warehouse_value, status FROM reconciliation ORDER BY ALL"));
    }

    private static string VoiceRecord(string id, DateTime startedAt) => string.Create(CultureInfo.InvariantCulture, $$"""
        {"record_type":"call_control_detail_record","id":"{{id}}","call_id":"{{id}}","direction":"outbound",
         "cli":"+14155550100","cld":"+14155550101","caller_number":"+14155550100","dest_number":"+14155550101",
         "started_at":"{{startedAt:yyyy-MM-ddTHH:mm:ss.fffZ}}","answered_at":"{{startedAt.AddSeconds(5):yyyy-MM-ddTHH:mm:ss.fffZ}}","finished_at":"{{startedAt.AddSeconds(65):yyyy-MM-ddTHH:mm:ss.fffZ}}",
         "call_sec":60,"billed_sec":60,"rate":"0.0100","cost":"0.0100","currency":"USD","country_code":1,"hangup_cause":"normal_clearing","connection_name":"voice-api"}
        """);

    private static string VoicePage(IEnumerable<string> records)
    {
        var list = records.ToList();
        return "{\"data\":[" + string.Join(",", list) + "],\"meta\":{\"page_number\":1,\"page_size\":" + Math.Max(list.Count, 1).ToString(CultureInfo.InvariantCulture)
               + ",\"total_pages\":1,\"total_results\":" + list.Count.ToString(CultureInfo.InvariantCulture) + "}}";
    }

    private Task LandVoiceUsageAsync(string day, int count, int billedSeconds, string cost) =>
        _fixture.LandAsync("telnyx", ProviderTotals.TelnyxVoice, day, (ProviderTotals.FileName, $$$"""
            {"data":{"id":"r-{{{day}}}","record_type":"cdr_usage_report","status":"COMPLETE","result":{"data":[
              {"direction":"outbound","currency":"USD","count":{{{count}}},"billed_sec":{{{billedSeconds}}},"cost":"{{{cost}}}"}
            ] } } }
            """));

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

using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Analytics.Sandbox.Tests.Totals;

/// <summary>The providers' own totals (Telnyx usage reports, CALLR analytics summaries) as the sandbox serves them.</summary>
public sealed class UsageTotalsTests : SandboxClassBase
{
    private static readonly DateOnly Day = new(2026, 11, 19);
    private const string Window = "start_date=2026-11-19T00:00:00Z&end_date=2026-11-20T00:00:00Z";

    [Fact]
    public async Task The_messaging_usage_report_of_a_day_equals_the_ground_truth_with_carrier_fees_in_the_cost()
    {
        using var client = SandboxTestKit.Telnyx(Host);
        using var r = await client.GetAsync($"v2/reports/mdr_usage_reports/sync?aggregation_type=NO_AGGREGATION&{Window}");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var data = (await SandboxTestKit.JsonAsync(r)).GetProperty("data");
        Assert.Equal("mdr_usage_report", data.GetProperty("record_type").GetString());
        Assert.Equal("COMPLETE", data.GetProperty("status").GetString());
        var rows = data.GetProperty("result").EnumerateArray().ToList();
        var fees = 0m;
        foreach (var direction in new[] { "IN", "OUT" })
        {
            var truth = Host.GroundTruth.Find("telnyx", Day, "sms", direction)!;
            var mine = rows.Where(x => x.GetProperty("direction").GetString() == (direction == "IN" ? "inbound" : "outbound")).ToList();
            Assert.Equal(truth.Count, mine.Sum(x => Number(x, direction == "IN" ? "received" : "sent")));
            Assert.Equal(truth.Parts, mine.Sum(x => Number(x, "parts")));
            foreach (var (currency, debit) in truth.Debit)
            {
                var row = mine.Single(x => x.GetProperty("currency").GetString() == currency);
                Assert.Equal(debit, Number(row, "cost") + Number(row, "carrier_passthrough_fee"));
                fees += Number(row, "carrier_passthrough_fee");
            }
        }
        Assert.True(fees > 0, "some messages of the day carry a carrier fee");
    }

    [Fact]
    public async Task The_voice_usage_report_sums_every_voice_record_type_of_the_day()
    {
        using var client = SandboxTestKit.Telnyx(Host);
        var data = await SandboxTestKit.JsonAsync(await client.GetAsync(
            $"v2/reports/cdr_usage_reports/sync?aggregation_type=NO_AGGREGATION&product_breakdown=NO_BREAKDOWN&{Window}"));
        var rows = data.GetProperty("data").GetProperty("result").GetProperty("data").EnumerateArray().ToList();
        foreach (var direction in new[] { "IN", "OUT" })
        {
            var truth = Host.GroundTruth.Find("telnyx", Day, "calls", direction)!;
            var mine = rows.Where(x => x.GetProperty("direction").GetString() == (direction == "IN" ? "inbound" : "outbound")).ToList();
            Assert.Equal(truth.Count, mine.Sum(x => x.GetProperty("count").GetInt64()));
            Assert.Equal(truth.AnsweredSeconds, mine.Sum(x => x.GetProperty("call_sec").GetInt64()));
            foreach (var (currency, debit) in truth.Debit)
                Assert.Equal(debit, Number(mine.Single(x => x.GetProperty("currency").GetString() == currency), "cost"));
        }
    }

    [Fact]
    public async Task A_usage_report_without_its_required_parameters_is_a_422_naming_it()
    {
        using var client = SandboxTestKit.Telnyx(Host);
        using var r = await client.GetAsync($"v2/reports/cdr_usage_reports/sync?aggregation_type=NO_AGGREGATION&{Window}");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, r.StatusCode);
        Assert.Contains("product_breakdown", await r.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_callr_summaries_of_a_day_equal_the_ground_truth_in_cents()
    {
        using var client = SandboxTestKit.Callr(Host);
        object[] window = ["2026-11-19 00:00:00", "2026-11-19 23:59:59"];
        var calls = (await SandboxTestKit.JsonAsync(await SandboxTestKit.RpcAsync(client, "analytics/calls.summary", window))).GetProperty("result");
        var sms = (await SandboxTestKit.JsonAsync(await SandboxTestKit.RpcAsync(client, "analytics/sms.summary", window))).GetProperty("result");
        foreach (var direction in new[] { "IN", "OUT" })
        {
            var truth = Host.GroundTruth.Find("callr", Day, "calls", direction)!;
            Assert.Equal(truth.Count, calls.GetProperty(direction).GetProperty("count").GetInt64());
            Assert.Equal(truth.AnsweredSeconds, calls.GetProperty(direction).GetProperty("duration").GetInt64());
            Assert.Equal(truth.Debit.Values.Sum() * 100, Number(calls.GetProperty(direction), "debit"));
            var texts = Host.GroundTruth.Find("callr", Day, "sms", direction)!;
            Assert.Equal(texts.Count, sms.GetProperty(direction).GetProperty("count").GetInt64());
            Assert.Equal(texts.Parts, sms.GetProperty(direction).GetProperty("parts").GetInt64());
            Assert.Equal(texts.Debit.Values.Sum() * 100, Number(sms.GetProperty(direction), "debit"));
        }
    }

    [Fact]
    public async Task The_totals_skew_fault_states_amounts_off_by_its_fraction_and_leaves_counts_and_detail_records_alone()
    {
        using var client = SandboxTestKit.Callr(Host);
        object[] window = ["2026-11-19 00:00:00", "2026-11-19 23:59:59"];
        var exact = (await SandboxTestKit.JsonAsync(await SandboxTestKit.RpcAsync(client, "analytics/calls.summary", window))).GetProperty("result").GetProperty("OUT");
        Host.Faults.Add(new FaultRule(SandboxProvider.Callr, FaultKind.TotalsSkew) { Skew = 0.1m });
        var skewed = (await SandboxTestKit.JsonAsync(await SandboxTestKit.RpcAsync(client, "analytics/calls.summary", window))).GetProperty("result").GetProperty("OUT");
        var cdrs = await SandboxTestKit.JsonAsync(await SandboxTestKit.RpcAsync(client, "cdr.get", new object[] { "OUT", window[0], window[1], null!, null! }));
        Host.Faults.Clear();
        Assert.Equal(decimal.Round(Number(exact, "debit") * 1.1m, 4), Number(skewed, "debit"));
        Assert.Equal(exact.GetProperty("count").GetInt64(), skewed.GetProperty("count").GetInt64());
        Assert.Equal(exact.GetProperty("count").GetInt64(), cdrs.GetProperty("result").GetArrayLength());
    }

    private static decimal Number(JsonElement e, string name) =>
        decimal.Parse(e.GetProperty(name).GetString()!, NumberStyles.Number, CultureInfo.InvariantCulture);
}

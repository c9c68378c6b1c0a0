using System.Globalization;
using System.Text.Json;
using Analytics.Sandbox.Tests.Telgorithm;

namespace Analytics.Sandbox.Tests.GroundTruth;

public sealed class GroundTruthTests
{
    private static readonly DateOnly[] Days = [new(2026, 11, 18), new(2026, 11, 19)];
    private static readonly string[] Sources = ["televoips", "telnyx", "callr", "telgorithm"];

    [Fact]
    public async Task Ground_truth_equals_the_totals_of_every_record_served_over_http()
    {
        await using var host = await SandboxTestKit.StartAsync(SandboxTestKit.Small(seed: 5, volume: 0.05));
        var served = new ServedTotals();
        await TeleVoipsAsync(host, served);
        await TelnyxAsync(host, served);
        await CallrAsync(host, served);
        await TelgorithmAsync(host, served);

        var truth = host.GroundTruth;
        Assert.Equal(
            served.Entries.Keys.Order().Select(k => k.ToString()),
            truth.Days.Select(d => (d.Source, d.Day, d.Kind, d.Direction)).Order().Select(k => k.ToString()));
        foreach (var d in truth.Days)
        {
            var s = served.Entries[(d.Source, d.Day, d.Kind, d.Direction)];
            var label = $"{d.Source} {d.Day:yyyy-MM-dd} {d.Kind} {d.Direction}";
            Assert.True(s.Count == d.Count, $"{label}: count {s.Count} served, {d.Count} in ground truth");
            Assert.True(s.Answered == d.Answered, $"{label}: answered {s.Answered} vs {d.Answered}");
            Assert.True(s.AnsweredSeconds == d.AnsweredSeconds, $"{label}: answered seconds {s.AnsweredSeconds} vs {d.AnsweredSeconds}");
            Assert.True(s.Parts == d.Parts, $"{label}: parts {s.Parts} vs {d.Parts}");
            foreach (var currency in s.Debit.Keys.Union(d.Debit.Keys))
            {
                var a = s.Debit.GetValueOrDefault(currency);
                var b = d.Debit.GetValueOrDefault(currency);
                Assert.True(a == b, $"{label}: debit {currency} {a} served vs {b}");
            }
        }
        Assert.Contains(truth.Days, d => d.Source == "telnyx" && d.Debit.GetValueOrDefault("EUR") > 0);
        Assert.All(Sources, src => Assert.Contains(truth.Days, d => d.Source == src));
    }

    [Fact]
    public async Task Ground_truth_json_has_the_documented_shape_with_exact_decimal_strings()
    {
        await using var host = await SandboxTestKit.StartAsync();
        var path = Path.Combine(Path.GetTempPath(), $"sandbox-truth-{Guid.NewGuid():N}.json");
        try
        {
            await host.WriteGroundTruthAsync(path);
            using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(path));
            Assert.Equal(1, doc.RootElement.GetProperty("generated_for").GetProperty("seed").GetInt32());
            var days = doc.RootElement.GetProperty("days").EnumerateArray().ToList();
            Assert.Equal(host.GroundTruth.Days.Count, days.Count);
            var callr = days.First(d => d.GetProperty("source").GetString() == "callr" && d.GetProperty("direction").GetString() == "OUT"
                && d.GetProperty("kind").GetString() == "calls");
            Assert.Equal("2026-11-18", callr.GetProperty("day").GetString());
            var eur = callr.GetProperty("debit").GetProperty("EUR").GetString()!;
            Assert.Matches(@"^\d+\.\d{4,}$", eur);
            var expected = host.GroundTruth.Find("callr", new DateOnly(2026, 11, 18), "calls", "OUT")!.Debit["EUR"];
            Assert.Equal(expected, decimal.Parse(eur, CultureInfo.InvariantCulture));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Default_volume_looks_like_real_traffic()
    {
        await using var host = await SandboxTestKit.StartAsync(SandboxTestKit.Small(volume: 1.0) with { Days = 1 });
        var days = host.GroundTruth.Days;
        var total = days.Sum(d => d.Count);
        Assert.InRange(total, 11_000, 15_000);
        foreach (var source in Sources)
        {
            var calls = days.Where(d => d.Source == source && d.Kind == "calls").ToList();
            var rate = (double)calls.Sum(d => d.Answered) / calls.Sum(d => d.Count);
            Assert.InRange(rate, 0.6, 0.78);
            var meanTalk = (double)calls.Sum(d => d.AnsweredSeconds) / calls.Sum(d => d.Answered);
            Assert.InRange(meanTalk, 100, 220);
        }
        var sms = days.Where(d => d.Kind == "sms").ToList();
        Assert.InRange((double)sms.Sum(d => d.Parts) / sms.Sum(d => d.Count), 1.05, 2.0);
    }

    private static async Task TeleVoipsAsync(SandboxHost host, ServedTotals served)
    {
        var deckPath = Path.Combine(Path.GetTempPath(), $"sandbox-deck-{Guid.NewGuid():N}.csv");
        await host.WriteRateDeckAsync(deckPath);
        var deck = (await File.ReadAllLinesAsync(deckPath)).Skip(1).Select(l => l.Split(','))
            .ToDictionary(f => f[0], f => (Rate: decimal.Parse(f[1], CultureInfo.InvariantCulture), Currency: f[2], Increment: int.Parse(f[3], CultureInfo.InvariantCulture)));
        File.Delete(deckPath);
        using var client = SandboxTestKit.TeleVoips(host);
        // The PBX's local day before the first UTC day holds that day's first hours (a New York PBX): served too.
        Assert.NotEmpty(host.TeleVoipsEdgeDays);
        foreach (var day in host.TeleVoipsEdgeDays.Concat(Days))
        {
            var rows = SandboxTestKit.ParseCsv(await client.GetStringAsync(await SandboxTestKit.ExportUrlAsync(client, day)));
            var h = rows[0].Select(f => f.Value).ToList();
            foreach (var row in rows.Skip(1))
            {
                string F(string name) => row[h.IndexOf(name)].Value;
                var outbound = F("dcontext") == "from-internal";
                var billsec = int.Parse(F("billsec"), CultureInfo.InvariantCulture);
                decimal cost = 0;
                string? currency = null;
                if (outbound)
                {
                    var dst = F("dst");
                    // A PBX in the US: ten digits are NANP, 011 is the international prefix.
                    var e164 = dst.StartsWith("011", StringComparison.Ordinal) ? dst[3..] : dst.Length == 10 ? "1" + dst : dst.TrimStart('+');
                    var prefix = Enumerable.Range(1, e164.Length).Select(n => e164[..n]).Where(deck.ContainsKey).MaxBy(p => p.Length)!;
                    var (rate, cur, inc) = deck[prefix];
                    var billed = (billsec + inc - 1) / inc * inc;
                    cost = Math.Round(billed * rate / 60m, 4, MidpointRounding.AwayFromZero);
                    currency = cur;
                }
                // calldate is the PBX's local time; the day is the UTC one, which uniqueid's epoch gives.
                var utc = DateTimeOffset.FromUnixTimeSeconds(long.Parse(F("uniqueid").Split('.')[0], CultureInfo.InvariantCulture));
                served.Add("televoips", utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), "calls", outbound ? "OUT" : "IN", F("disposition") == "ANSWERED", billsec, 0, currency, cost);
            }
        }
    }

    private static async Task TelnyxAsync(SandboxHost host, ServedTotals served)
    {
        using var client = SandboxTestKit.Telnyx(host);
        foreach (var type in new[] { "messaging", "call-control", "sip-trunking", "webrtc" })
        {
            for (var page = 1; ; page++)
            {
                var json = await SandboxTestKit.JsonAsync(await client.GetAsync($"v2/detail_records?filter[record_type]={type}&page[size]=50&page[number]={page}"));
                foreach (var r in json.GetProperty("data").EnumerateArray())
                {
                    var direction = r.GetProperty("direction").GetString() == "inbound" ? "IN" : "OUT";
                    var currency = r.GetProperty("currency").GetString();
                    var cost = ServedTotals.Money(r.GetProperty("cost"));
                    if (r.TryGetProperty("carrier_fee", out var fee))
                        cost += ServedTotals.Money(fee); // passed on to the customer on top of cost
                    if (type == "messaging")
                        served.Add("telnyx", r.GetProperty("created_at").GetString()!, "sms", direction, false, 0, r.GetProperty("parts").GetInt32(), currency, cost);
                    else
                        served.Add("telnyx", r.GetProperty("started_at").GetString()!, "calls", direction,
                            r.GetProperty("answered_at").ValueKind != JsonValueKind.Null, r.GetProperty("call_sec").GetInt32(), 0, currency, cost);
                }
                if (page >= json.GetProperty("meta").GetProperty("total_pages").GetInt32())
                    break;
            }
        }
    }

    private static async Task CallrAsync(SandboxHost host, ServedTotals served)
    {
        using var client = SandboxTestKit.Callr(host);
        object[] Window(string type) => [type, "2026-11-18 00:00:00", "2026-11-19 23:59:59", null!, null!];
        foreach (var type in new[] { "IN", "OUT" })
        {
            var cdrs = await SandboxTestKit.JsonAsync(await SandboxTestKit.RpcAsync(client, "cdr.get", Window(type)));
            foreach (var c in cdrs.GetProperty("result").EnumerateArray())
                served.Add("callr", c.GetProperty("start").GetString()!, "calls", type, c.GetProperty("answer").GetString() != "0000-00-00 00:00:00",
                    c.GetProperty("duration_answered").GetInt32(), 0, "EUR", ServedTotals.Money(c.GetProperty("billing_customer_debit_eur")) / 100m);
            var sms = await SandboxTestKit.JsonAsync(await SandboxTestKit.RpcAsync(client, "sms.get_list", Window(type)[..3]));
            foreach (var s in sms.GetProperty("result").EnumerateArray())
                served.Add("callr", s.GetProperty("date_creation").GetString()!, "sms", type, false, 0, s.GetProperty("parts").GetInt32(),
                    "EUR", ServedTotals.Money(s.GetProperty("b_customer_debit")) / 100m);
        }
    }

    private static async Task TelgorithmAsync(SandboxHost host, ServedTotals served)
    {
        using var client = SandboxTestKit.Telgorithm(host);
        static decimal Fees(IEnumerable<JsonElement> groups) => groups.Sum(g => g.GetProperty("total").GetDecimal());
        foreach (var (endpoint, direction) in new[] { ("InboundMessages", "IN"), ("OutboundMessages", "OUT") })
        {
            foreach (var m in await TelgorithmEndpointsTests.AllAsync(client, endpoint, "includeFees=true", 100))
            {
                var fees = m.GetProperty("fees");
                var cost = Fees(fees.GetProperty("platformFees").EnumerateArray()) + Fees(fees.GetProperty("passThroughFees").EnumerateArray());
                served.Add("telgorithm", m.GetProperty("createdOn").GetString()!, "sms", direction, false, 0, m.GetProperty("segmentCount").GetInt32(), "USD", cost);
            }
        }
        // Legs sharing callSid are one call: its first leg's day and direction, talk time once, every leg's fees.
        var legs = await TelgorithmEndpointsTests.AllAsync(client, "Calls", "includeFees=true", 100);
        foreach (var call in legs.GroupBy(c => c.GetProperty("callSid").GetString()))
        {
            var first = call.OrderBy(c => c.GetProperty("createdOn").GetString(), StringComparer.Ordinal)
                .ThenBy(c => c.GetProperty("legDirection").GetString(), StringComparer.Ordinal).First();
            served.Add("telgorithm", first.GetProperty("createdOn").GetString()!, "calls", first.GetProperty("legDirection").GetString() == "Inbound" ? "IN" : "OUT",
                call.Any(c => c.GetProperty("answeredOn").ValueKind != JsonValueKind.Null),
                call.Max(c => int.Parse(c.GetProperty("duration").GetString()!, CultureInfo.InvariantCulture)),
                0, "USD", call.Sum(c => Fees(c.GetProperty("fees").EnumerateArray())));
        }
        Assert.Contains(legs, c => c.GetProperty("legDirection").GetString() != c.GetProperty("callDirection").GetString());
    }
}

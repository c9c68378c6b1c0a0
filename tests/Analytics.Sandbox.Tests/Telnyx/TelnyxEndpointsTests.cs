using System.Net;
using System.Text.Json;

namespace Analytics.Sandbox.Tests.Telnyx;

public sealed class TelnyxEndpointsTests : SandboxClassBase
{
    private const string Messaging = "v2/detail_records?filter[record_type]=messaging";

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong")]
    public async Task Rejects_a_missing_or_wrong_key_with_401_and_code_10009(string? auth)
    {
        using var client = new HttpClient { BaseAddress = Host.BaseUri };
        if (auth is not null)
            client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", auth);
        using var r = await client.GetAsync(Messaging);
        Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        var error = (await SandboxTestKit.JsonAsync(r)).GetProperty("errors")[0];
        Assert.Equal("10009", error.GetProperty("code").GetString());
        Assert.Equal("Authentication failed", error.GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("v2/detail_records", "filter[record_type]")]
    [InlineData("v2/detail_records?filter[record_type]=fax", "filter[record_type]")]
    [InlineData(Messaging + "&page[size]=0", "page[size]")]
    [InlineData(Messaging + "&page[size]=51", "page[size]")]
    [InlineData(Messaging + "&page[size]=ten", "page[size]")]
    [InlineData(Messaging + "&page[number]=0", "page[number]")]
    [InlineData(Messaging + "&filter[created_at][gte]=yesterday-ish", "filter[created_at][gte]")]
    [InlineData(Messaging + "&sort=-created_at", "sort")]
    public async Task Rejects_invalid_queries_with_422_naming_the_parameter(string url, string parameter)
    {
        using var client = SandboxTestKit.Telnyx(Host);
        using var r = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, r.StatusCode);
        var error = (await SandboxTestKit.JsonAsync(r)).GetProperty("errors")[0];
        Assert.Equal("10015", error.GetProperty("code").GetString());
        Assert.Equal(parameter, error.GetProperty("source").GetProperty("parameter").GetString());
    }

    [Theory]
    [InlineData("messaging", "message_detail_record", "created_at")]
    [InlineData("call-control", "call_control_detail_record", "created_at")]
    [InlineData("sip-trunking", "sip_trunking_detail_record", "created_at")]
    [InlineData("webrtc", "webrtc_detail_record", "created_at")]
    public async Task Pages_through_every_record_once_in_time_order_with_consistent_meta(string type, string recordType, string timeField)
    {
        using var client = SandboxTestKit.Telnyx(Host);
        var ids = new HashSet<string>();
        var last = "";
        int totalPages = -1, totalResults = -1;
        var carrierFees = 0m;
        for (var page = 1; ; page++)
        {
            using var r = await client.GetAsync($"v2/detail_records?filter[record_type]={type}&sort=created_at&page[number]={page}&page[size]=50");
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            Assert.True(r.Headers.Contains("x-ratelimit-remaining"));
            var json = await SandboxTestKit.JsonAsync(r);
            var meta = json.GetProperty("meta");
            Assert.Equal(page, meta.GetProperty("page_number").GetInt32());
            Assert.Equal(50, meta.GetProperty("page_size").GetInt32());
            totalPages = meta.GetProperty("total_pages").GetInt32();
            totalResults = meta.GetProperty("total_results").GetInt32();
            foreach (var rec in json.GetProperty("data").EnumerateArray())
            {
                Assert.Equal(recordType, rec.GetProperty("record_type").GetString());
                Assert.True(ids.Add(rec.GetProperty(type == "messaging" ? "uuid" : "id").GetString()!));
                var t = rec.GetProperty(timeField).GetString()!;
                if (type != "messaging")
                    Assert.Equal(rec.GetProperty("started_at").GetString(), t); // [sandbox] a voice record's created_at is its start
                if (rec.TryGetProperty("carrier_fee", out var fee))
                    carrierFees += decimal.Parse(fee.GetString()!, System.Globalization.CultureInfo.InvariantCulture);
                Assert.True(string.CompareOrdinal(last, t) <= 0, $"{t} after {last}");
                last = t;
            }
            if (page >= totalPages)
                break;
        }
        Assert.Equal(totalResults, ids.Count);
        Assert.Equal((totalResults + 49) / 50, totalPages);
        Assert.True(totalResults > 50);
        Assert.Equal(type == "messaging", carrierFees > 0); // messages to North America carry the carriers' pass-through fee
    }

    [Fact]
    public async Task Voice_records_carry_the_documented_fields_and_sip_trunking_says_ended_at()
    {
        using var client = SandboxTestKit.Telnyx(Host);
        var sip = await SandboxTestKit.JsonAsync(await client.GetAsync("v2/detail_records?filter[record_type]=sip-trunking&page[size]=50"));
        var records = sip.GetProperty("data").EnumerateArray().ToList();
        Assert.All(records, r =>
        {
            Assert.True(r.TryGetProperty("ended_at", out _));
            Assert.False(r.TryGetProperty("finished_at", out _));
            Assert.Equal(JsonValueKind.Number, r.GetProperty("country_code").ValueKind);
            Assert.Matches(@"^\d+\.\d{4}$", r.GetProperty("cost").GetString());
            Assert.True(r.GetProperty("billed_sec").GetInt32() >= r.GetProperty("call_sec").GetInt32());
        });
        Assert.Contains(records, r => r.GetProperty("answered_at").ValueKind == JsonValueKind.Null);
        Assert.Contains(records, r => r.GetProperty("answered_at").ValueKind == JsonValueKind.String);
        var webrtc = await SandboxTestKit.JsonAsync(await client.GetAsync("v2/detail_records?filter[record_type]=webrtc&page[size]=5"));
        Assert.All(webrtc.GetProperty("data").EnumerateArray(), r => Assert.True(r.TryGetProperty("finished_at", out _)));
    }

    [Fact]
    public async Task Message_records_carry_the_documented_fields()
    {
        using var client = SandboxTestKit.Telnyx(Host);
        var json = await SandboxTestKit.JsonAsync(await client.GetAsync(Messaging + "&page[size]=50"));
        var records = json.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(50, records.Count);
        Assert.All(records, r =>
        {
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", r.GetProperty("created_at").GetString());
            Assert.StartsWith("+", r.GetProperty("cli").GetString(), StringComparison.Ordinal);
            Assert.StartsWith("+", r.GetProperty("cld").GetString(), StringComparison.Ordinal);
            Assert.True(r.GetProperty("direction").GetString() is "inbound" or "outbound");
            Assert.Equal("SMS", r.GetProperty("message_type").GetString());
            Assert.True(r.GetProperty("parts").GetInt32() >= 1);
            Assert.Matches("^[A-Z]{2}$", r.GetProperty("country_code").GetString());
            Assert.Equal("USD", r.GetProperty("currency").GetString());
            var status = r.GetProperty("status").GetString();
            Assert.Equal(r.GetProperty("direction").GetString() == "inbound", status == "received");
            var rate = decimal.Parse(r.GetProperty("rate").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            var cost = decimal.Parse(r.GetProperty("cost").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(status is "failed" or "gw_reject" ? 0m : rate * r.GetProperty("parts").GetInt32(), cost);
        });
    }

    [Fact]
    public async Task Bills_some_voice_connections_in_EUR_and_the_rest_in_USD()
    {
        using var client = SandboxTestKit.Telnyx(Host);
        var currencies = new HashSet<string>();
        for (var page = 1; page <= 4; page++)
        {
            var json = await SandboxTestKit.JsonAsync(await client.GetAsync($"v2/detail_records?filter[record_type]=call-control&page[size]=50&page[number]={page}"));
            foreach (var r in json.GetProperty("data").EnumerateArray())
                currencies.Add(r.GetProperty("currency").GetString()!);
        }
        Assert.Equal(["EUR", "USD"], currencies.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Filters_created_at_with_gte_inclusive_and_lt_exclusive()
    {
        using var client = SandboxTestKit.Telnyx(Host);
        var all = await AllAsync(client, "");
        Assert.True(all.Count > 20);
        // A boundary exactly on a record's timestamp: that record is in [t, …) and not in […, t).
        var pivot = all[all.Count / 2];
        var before = await AllAsync(client, $"&filter[created_at][lt]={pivot}");
        var after = await AllAsync(client, $"&filter[created_at][gte]={pivot}");
        Assert.Equal(all.Count, before.Count + after.Count);
        Assert.Equal(pivot, after[0]);
        Assert.All(before, t => Assert.True(string.CompareOrdinal(t, pivot) < 0));

        var oneDay = await AllAsync(client, "&filter[created_at][gte]=2026-11-19&filter[created_at][lt]=2026-11-20");
        Assert.Equal(all.Count(t => t.StartsWith("2026-11-19", StringComparison.Ordinal)), oneDay.Count);
        Assert.NotEqual(all.Count, oneDay.Count);
    }

    [Fact]
    public async Task Answers_an_empty_page_with_zero_total_pages_outside_the_served_days()
    {
        using var client = SandboxTestKit.Telnyx(Host);
        var json = await SandboxTestKit.JsonAsync(await client.GetAsync(Messaging + "&filter[created_at][gte]=2020-01-01&filter[created_at][lt]=2020-01-02"));
        Assert.Equal(0, json.GetProperty("data").GetArrayLength());
        Assert.Equal(0, json.GetProperty("meta").GetProperty("total_pages").GetInt32());
        Assert.Equal(0, json.GetProperty("meta").GetProperty("total_results").GetInt32());
    }

    private static async Task<List<string>> AllAsync(HttpClient client, string filter)
    {
        var times = new List<string>();
        for (var page = 1; ; page++)
        {
            var json = await SandboxTestKit.JsonAsync(await client.GetAsync($"{Messaging}{filter}&page[size]=50&page[number]={page}"));
            times.AddRange(json.GetProperty("data").EnumerateArray().Select(r => r.GetProperty("created_at").GetString()!));
            if (page >= json.GetProperty("meta").GetProperty("total_pages").GetInt32())
                return times;
        }
    }
}

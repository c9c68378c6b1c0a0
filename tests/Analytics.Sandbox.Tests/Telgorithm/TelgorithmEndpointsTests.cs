using System.Net;
using System.Text.Json;

namespace Analytics.Sandbox.Tests.Telgorithm;

public sealed class TelgorithmEndpointsTests : SandboxClassBase
{
    [Fact]
    public async Task Rejects_wrong_basic_credentials_with_401()
    {
        using var client = new HttpClient { BaseAddress = Host.BaseUri };
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Basic " + Convert.ToBase64String("sandbox:nope"u8.ToArray()));
        using var r = await client.GetAsync("messaging/v1/OutboundMessages");
        Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        var json = await SandboxTestKit.JsonAsync(r);
        Assert.Equal(401, json.GetProperty("errorCode").GetInt32());
        Assert.Equal("Unauthorized", json.GetProperty("errorMessage").GetString());
    }

    [Theory]
    [InlineData("InboundMessages")]
    [InlineData("OutboundMessages")]
    [InlineData("Calls")]
    public async Task Pages_by_search_id_until_it_is_null_and_matches_one_big_page(string endpoint)
    {
        using var client = SandboxTestKit.Telgorithm(Host);
        const string window = "CreatedOnFrom=2026-11-18T00:00:00&CreatedOnTo=2026-11-20T00:00:00&includeFees=true";
        var paged = await AllAsync(client, endpoint, window, 37);
        var single = await AllAsync(client, endpoint, window, 1000);
        Assert.Equal(single.Count, paged.Count);
        Assert.Equal(single.Select(Id), paged.Select(Id));
        Assert.Equal(paged.Count, paged.Select(Id).Distinct().Count());
        Assert.True(paged.Count > 37);
    }

    [Fact]
    public async Task From_is_inclusive_and_to_is_exclusive()
    {
        using var client = SandboxTestKit.Telgorithm(Host);
        var morning = await AllAsync(client, "OutboundMessages", "CreatedOnFrom=2026-11-19T00:00:00&CreatedOnTo=2026-11-19T12:00:00", 1000);
        var afternoon = await AllAsync(client, "OutboundMessages", "CreatedOnFrom=2026-11-19T12:00:00&CreatedOnTo=2026-11-20T00:00:00", 1000);
        var day = await AllAsync(client, "OutboundMessages", "CreatedOnFrom=2026-11-19T00:00:00&CreatedOnTo=2026-11-20T00:00:00", 1000);
        Assert.Equal(day.Count, morning.Count + afternoon.Count);
        Assert.All(morning, m => Assert.True(string.CompareOrdinal(m.GetProperty("createdOn").GetString(), "2026-11-19T12:00:00") < 0));
        Assert.All(afternoon, m => Assert.StartsWith("2026-11-19T", m.GetProperty("createdOn").GetString(), StringComparison.Ordinal));
        Assert.All(day, m => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", m.GetProperty("createdOn").GetString()));
    }

    [Fact]
    public async Task Messages_carry_segment_counts_and_fees_and_calls_a_string_duration()
    {
        using var client = SandboxTestKit.Telgorithm(Host);
        var outbound = await AllAsync(client, "OutboundMessages", "includeFees=true", 1000);
        Assert.All(outbound, m =>
        {
            Assert.True(m.GetProperty("status").GetString() is "Delivered" or "Failed");
            var fees = m.GetProperty("fees");
            var total = fees.GetProperty("platformFees").EnumerateArray().Concat(fees.GetProperty("passThroughFees").EnumerateArray())
                .Sum(f => f.GetProperty("total").GetDecimal());
            Assert.Equal(m.GetProperty("status").GetString() == "Failed", total == 0m);
        });
        var calls = await AllAsync(client, "Calls", "includeFees=true", 1000);
        Assert.All(calls, c => Assert.True(int.TryParse(c.GetProperty("duration").GetString(), out _)));
        Assert.Contains(calls, c => c.GetProperty("answeredOn").ValueKind == JsonValueKind.Null);
        var noFees = await AllAsync(client, "InboundMessages", "", 5);
        Assert.All(noFees, m => Assert.False(m.TryGetProperty("fees", out _)));
    }

    [Fact]
    public async Task A_forwarded_call_has_an_outbound_leg_sharing_its_call_sid_and_the_days_last_one_is_listed_the_next_day()
    {
        using var client = SandboxTestKit.Telgorithm(Host);
        var first = await AllAsync(client, "Calls", "CreatedOnFrom=2026-11-18T00:00:00&CreatedOnTo=2026-11-19T00:00:00&includeFees=true", 1000);
        var second = await AllAsync(client, "Calls", "CreatedOnFrom=2026-11-19T00:00:00&CreatedOnTo=2026-11-20T00:00:00&includeFees=true", 1000);

        var legs = first.Concat(second).ToList();
        Assert.Equal(legs.Count, legs.Select(Id).Distinct().Count());
        var forwarded = legs.GroupBy(c => c.GetProperty("callSid").GetString()).Where(g => g.Count() > 1).ToList();
        Assert.NotEmpty(forwarded);
        Assert.All(forwarded, call =>
        {
            Assert.Equal(["Inbound", "Outbound"], call.Select(c => c.GetProperty("legDirection").GetString()).Order(StringComparer.Ordinal));
            Assert.All(call, c => Assert.Equal("Inbound", c.GetProperty("callDirection").GetString()));
            var inbound = call.Single(c => c.GetProperty("legDirection").GetString() == "Inbound");
            var outbound = call.Single(c => c.GetProperty("legDirection").GetString() == "Outbound");
            // Forwarded from the number called, a moment later, answered with the call.
            Assert.Equal(inbound.GetProperty("to").GetString(), outbound.GetProperty("from").GetString());
            Assert.True(string.CompareOrdinal(inbound.GetProperty("createdOn").GetString(), outbound.GetProperty("createdOn").GetString()) < 0);
            Assert.Equal(inbound.GetProperty("answeredOn").ToString(), outbound.GetProperty("answeredOn").ToString());
        });
        // The 18th's last call was forwarded after midnight: its outbound leg is in the 19th's window only.
        var lastOfDay = first.Where(c => c.GetProperty("legDirection").GetString() == "Inbound").MaxBy(c => c.GetProperty("createdOn").GetString(), StringComparer.Ordinal)!;
        var overMidnight = Assert.Single(second, c => c.GetProperty("callSid").GetString() == lastOfDay.GetProperty("callSid").GetString());
        Assert.Equal("Outbound", overMidnight.GetProperty("legDirection").GetString());
        Assert.StartsWith("2026-11-19T00:00:0", overMidnight.GetProperty("createdOn").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(first, c => c.GetProperty("legSid").GetString() == overMidnight.GetProperty("legSid").GetString());
    }

    [Theory]
    [InlineData("CreatedOnFrom=yesterday")]
    [InlineData("PageSize=0")]
    [InlineData("SearchId=not-a-cursor")]
    public async Task Rejects_bad_parameters_with_400(string query)
    {
        using var client = SandboxTestKit.Telgorithm(Host);
        using var r = await client.GetAsync("messaging/v1/InboundMessages?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Equal(400, (await SandboxTestKit.JsonAsync(r)).GetProperty("errorCode").GetInt32());
    }

    private static string Id(JsonElement e) => (e.TryGetProperty("sid", out var s) ? s : e.GetProperty("legSid")).GetString()!;

    internal static async Task<List<JsonElement>> AllAsync(HttpClient client, string endpoint, string query, int pageSize)
    {
        var items = new List<JsonElement>();
        string? searchId = null;
        for (var guard = 0; guard < 10_000; guard++)
        {
            var url = $"messaging/v1/{endpoint}?{query}&PageSize={pageSize}" + (searchId is null ? "" : "&SearchId=" + searchId);
            using var r = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            var json = await SandboxTestKit.JsonAsync(r);
            items.AddRange(json.GetProperty("items").EnumerateArray());
            var next = json.GetProperty("searchId");
            if (next.ValueKind == JsonValueKind.Null)
                return items;
            searchId = next.GetString();
        }
        throw new InvalidOperationException("paging never ended");
    }
}

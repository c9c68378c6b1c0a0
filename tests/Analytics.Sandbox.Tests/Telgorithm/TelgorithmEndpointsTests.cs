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

using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace Analytics.Sandbox.Tests.Faults;

/// <summary>The faults that change what an answer says rather than how it arrives.</summary>
public sealed class ShapeFaultTests : SandboxClassBase
{
    private const string Day = "filter[created_at][gte]=2026-11-19T00:00:00Z&filter[created_at][lt]=2026-11-20T00:00:00Z";
    private const string Messaging = $"v2/detail_records?filter[record_type]=messaging&page[size]=50&{Day}";

    [Fact]
    public async Task A_malformed_row_is_line_2_of_the_download_and_the_other_rows_are_unchanged()
    {
        using var client = SandboxTestKit.TeleVoips(Host);
        var url = await SandboxTestKit.ExportUrlAsync(client, new DateOnly(2026, 11, 19));
        var clean = await client.GetStringAsync(url);
        Host.Faults.Add(SandboxProvider.TeleVoips, FaultKind.MalformedRow, 1);

        var faulty = await client.GetStringAsync(url);

        var lines = faulty.Split('\n');
        Assert.Equal("\"malformed row\",\"two fields only\"", lines[1]);
        Assert.Equal(clean, string.Join('\n', lines.Where((_, i) => i != 1)));
    }

    [Fact]
    public async Task A_growing_total_hides_the_days_last_records_from_the_covered_requests_only()
    {
        Host.Faults.Add(new FaultRule(SandboxProvider.Telnyx, FaultKind.GrowingTotal) { Requests = [1], HiddenRecords = 7 });
        using var client = SandboxTestKit.Telnyx(Host);

        var before = (await SandboxTestKit.JsonAsync(await client.GetAsync(Messaging))).GetProperty("meta");
        var after = (await SandboxTestKit.JsonAsync(await client.GetAsync(Messaging))).GetProperty("meta");

        Assert.Equal(after.GetProperty("total_results").GetInt64() - 7, before.GetProperty("total_results").GetInt64());
    }

    [Fact]
    public async Task A_growing_total_serves_no_record_past_the_total_it_reports()
    {
        using var client = SandboxTestKit.Telnyx(Host);
        var total = (await SandboxTestKit.JsonAsync(await client.GetAsync(Messaging))).GetProperty("meta").GetProperty("total_results").GetInt32();
        var lastPage = (total + 49) / 50;
        Host.Faults.Add(new FaultRule(SandboxProvider.Telnyx, FaultKind.GrowingTotal) { HiddenRecords = total % 50 == 0 ? 50 : total % 50 });

        var page = await SandboxTestKit.JsonAsync(await client.GetAsync($"{Messaging}&page[number]={lastPage}"));

        Assert.Equal(0, page.GetProperty("data").GetArrayLength());
        Assert.Equal(lastPage - 1, page.GetProperty("meta").GetProperty("total_pages").GetInt32());
    }

    [Fact]
    public async Task Alternating_pages_serve_page_1_and_page_2_in_turn_under_a_huge_page_count()
    {
        using var client = SandboxTestKit.Telnyx(Host);
        var one = await FirstIdAsync(client, 1);
        var two = await FirstIdAsync(client, 2);
        Host.Faults.Add(new FaultRule(SandboxProvider.Telnyx, FaultKind.AlternatingPages) { ClaimedPages = 5000 });

        Assert.Equal([one, two, one, two], [await FirstIdAsync(client, 1), await FirstIdAsync(client, 2), await FirstIdAsync(client, 3), await FirstIdAsync(client, 4)]);
        var meta = (await SandboxTestKit.JsonAsync(await client.GetAsync($"{Messaging}&page[number]=9"))).GetProperty("meta");
        Assert.Equal(5000, meta.GetProperty("total_pages").GetInt32());
        Assert.Equal(250_000, meta.GetProperty("total_results").GetInt32());
    }

    [Fact]
    public async Task Empty_pages_have_no_data_under_a_huge_page_count()
    {
        Host.Faults.Add(new FaultRule(SandboxProvider.Telnyx, FaultKind.EmptyPages) { Requests = [2] });
        using var client = SandboxTestKit.Telnyx(Host);
        Assert.NotEqual(0, (await SandboxTestKit.JsonAsync(await client.GetAsync(Messaging))).GetProperty("data").GetArrayLength());

        var page = await SandboxTestKit.JsonAsync(await client.GetAsync($"{Messaging}&page[number]=2"));

        Assert.Equal(0, page.GetProperty("data").GetArrayLength());
        Assert.Equal(1_000_000, page.GetProperty("meta").GetProperty("total_pages").GetInt32());
    }

    [Fact]
    public async Task Fresh_cursors_hand_back_a_new_search_id_for_the_same_records_every_time()
    {
        Host.Faults.Add(new FaultRule(SandboxProvider.Telgorithm, FaultKind.FreshCursors));
        using var client = SandboxTestKit.Telgorithm(Host);
        var url = "messaging/v1/InboundMessages?CreatedOnFrom=2026-11-19T00:00:00&CreatedOnTo=2026-11-20T00:00:00&PageSize=10";
        var ids = new List<string>();
        var firsts = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var page = await SandboxTestKit.JsonAsync(await client.GetAsync(url));
            var searchId = page.GetProperty("searchId").GetString()!;
            ids.Add(searchId);
            firsts.Add(page.GetProperty("items")[0].GetProperty("sid").GetString()!);
            url = $"messaging/v1/InboundMessages?SearchId={searchId}";
        }

        Assert.Equal(4, ids.Distinct().Count());
        Assert.Single(firsts.Skip(1).Distinct());
    }

    [Theory]
    [InlineData("Internal error")]
    [InlineData(null)]
    public async Task A_feed_error_fails_only_the_named_call_with_its_code_and_message(string? message)
    {
        Host.Faults.Add(new FaultRule(SandboxProvider.Callr, FaultKind.FeedError) { CallrCall = "cdr.get OUT", ErrorCode = -32000, ErrorMessage = message });
        using var client = SandboxTestKit.Callr(Host);
        object[] window = ["OUT", "2026-11-19 00:00:00", "2026-11-19 23:59:59", null!, null!];

        var failed = await SandboxTestKit.JsonAsync(await SandboxTestKit.RpcAsync(client, "cdr.get", window));
        var other = await SandboxTestKit.JsonAsync(await SandboxTestKit.RpcAsync(client, "sms.get_list", window[..3]));

        var error = failed.GetProperty("error");
        Assert.Equal(-32000, error.GetProperty("code").GetInt32());
        Assert.Equal(message, error.TryGetProperty("message", out var m) ? m.GetString() : null);
        Assert.Equal(JsonValueKind.Array, other.GetProperty("result").ValueKind);
    }

    [Fact]
    public async Task A_null_error_field_stands_beside_a_valid_result()
    {
        Host.Faults.Add(SandboxProvider.Callr, FaultKind.NullErrorField, 1);
        using var client = SandboxTestKit.Callr(Host);

        var answer = await SandboxTestKit.JsonAsync(await SandboxTestKit.RpcAsync(client, "sms.get_list", new object[] { "IN", "2026-11-19 00:00:00", "2026-11-19 23:59:59" }));

        Assert.Equal(JsonValueKind.Null, answer.GetProperty("error").ValueKind);
        Assert.NotEqual(0, answer.GetProperty("result").GetArrayLength());
    }

    [Fact]
    public async Task Latency_delays_every_covered_request_and_adds_to_another_fault()
    {
        Host.Faults.Add(new FaultRule(SandboxProvider.Telnyx, FaultKind.Latency) { Delay = TimeSpan.FromMilliseconds(300) });
        Host.Faults.Add(SandboxProvider.Telnyx, FaultKind.InternalServerError, 1);
        using var client = SandboxTestKit.Telnyx(Host);

        var clock = Stopwatch.StartNew();
        using var failed = await client.GetAsync(Messaging);
        using var ok = await client.GetAsync(Messaging);

        Assert.Equal((HttpStatusCode.InternalServerError, HttpStatusCode.OK), (failed.StatusCode, ok.StatusCode));
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(600), $"two requests took {clock.Elapsed.TotalMilliseconds} ms");
    }

    private static async Task<string> FirstIdAsync(HttpClient client, int page) =>
        (await SandboxTestKit.JsonAsync(await client.GetAsync($"{Messaging}&page[number]={page}"))).GetProperty("data")[0].GetProperty("uuid").GetString()!;
}

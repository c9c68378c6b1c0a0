using System.Net;
using System.Text;
using System.Text.Json;

namespace Analytics.Sandbox.Tests.Faults;

public sealed class FaultInjectionTests : SandboxClassBase
{
    private const string TelnyxPage = "v2/detail_records?filter[record_type]=messaging&page[size]=50";

    [Fact]
    public async Task Rate_limits_only_the_third_and_fourth_telnyx_requests_with_retry_after_and_ratelimit_headers()
    {
        Host.Faults.Add(new FaultRule(SandboxProvider.Telnyx, FaultKind.RateLimit) { Requests = [3, 4], RetryAfterSeconds = 7 });
        using var client = SandboxTestKit.Telnyx(Host);
        var statuses = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            using var r = await client.GetAsync(TelnyxPage);
            statuses.Add((int)r.StatusCode);
            if (r.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Equal(TimeSpan.FromSeconds(7), r.Headers.RetryAfter?.Delta);
                Assert.Equal("0", r.Headers.GetValues("x-ratelimit-remaining").Single());
                Assert.Equal("7", r.Headers.GetValues("x-ratelimit-reset").Single());
                Assert.Equal("10011", (await SandboxTestKit.JsonAsync(r)).GetProperty("errors")[0].GetProperty("code").GetString());
            }
        }
        Assert.Equal([200, 200, 429, 429, 200], statuses);
    }

    [Fact]
    public async Task Rate_limits_telgorithm_with_ratelimit_reset()
    {
        Host.Faults.Add(SandboxProvider.Telgorithm, FaultKind.RateLimit, 1);
        using var client = SandboxTestKit.Telgorithm(Host);
        using var r = await client.GetAsync("messaging/v1/Calls");
        Assert.Equal(HttpStatusCode.TooManyRequests, r.StatusCode);
        Assert.Equal("1", r.Headers.GetValues("RateLimit-Reset").Single());
        Assert.NotNull(r.Headers.RetryAfter);
        using var next = await client.GetAsync("messaging/v1/Calls");
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Theory]
    [InlineData(FaultKind.InternalServerError, 500)]
    [InlineData(FaultKind.BadGateway, 502)]
    [InlineData(FaultKind.ServiceUnavailable, 503)]
    public async Task Answers_server_errors_with_their_status(FaultKind kind, int status)
    {
        Host.Faults.Add(SandboxProvider.Callr, kind, 1);
        using var client = SandboxTestKit.Callr(Host);
        using var r = await SandboxTestKit.RpcAsync(client, "sms.get_list", new object[] { "IN", "2026-11-19 00:00:00", "2026-11-19 01:00:00" });
        Assert.Equal(status, (int)r.StatusCode);
        using var ok = await SandboxTestKit.RpcAsync(client, "sms.get_list", new object[] { "IN", "2026-11-19 00:00:00", "2026-11-19 01:00:00" });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task A_slow_answer_makes_a_client_with_a_short_timeout_give_up()
    {
        Host.Faults.Add(new FaultRule(SandboxProvider.Telnyx, FaultKind.Slow) { Delay = TimeSpan.FromSeconds(20) });
        using var client = SandboxTestKit.Telnyx(Host);
        client.Timeout = TimeSpan.FromMilliseconds(300);
        var ex = await Assert.ThrowsAsync<TaskCanceledException>(() => client.GetAsync(TelnyxPage));
        Assert.IsType<TimeoutException>(ex.InnerException);
    }

    [Fact]
    public async Task A_slow_answer_still_arrives_for_a_patient_client()
    {
        Host.Faults.Add(new FaultRule(SandboxProvider.Telnyx, FaultKind.Slow) { Delay = TimeSpan.FromMilliseconds(200) });
        using var client = SandboxTestKit.Telnyx(Host);
        using var r = await client.GetAsync(TelnyxPage);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_truncated_body_fails_while_reading_the_content(bool declareLength)
    {
        Host.Faults.Add(new FaultRule(SandboxProvider.Telnyx, FaultKind.TruncatedBody) { DeclareContentLength = declareLength, CutAfterBytes = 100 });
        using var client = SandboxTestKit.Telnyx(Host);
        var ex = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            using var r = await client.GetAsync(TelnyxPage, HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            if (declareLength)
                Assert.True(r.Content.Headers.ContentLength > 100);
            await r.Content.ReadAsByteArrayAsync();
        });
        Assert.True(ex is HttpRequestException or IOException, ex.ToString());
    }

    [Fact]
    public async Task A_truncated_csv_download_fails_mid_file()
    {
        using var client = SandboxTestKit.TeleVoips(Host);
        var url = await SandboxTestKit.ExportUrlAsync(client, new DateOnly(2026, 11, 19));
        Host.Faults.Add(new FaultRule(SandboxProvider.TeleVoips, FaultKind.TruncatedBody) { CutAfterBytes = 2000, Requests = [1] });
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.GetStringAsync(url));
        Assert.StartsWith("calldate,", await client.GetStringAsync(url), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connection_reset_surfaces_as_an_http_request_exception()
    {
        Host.Faults.Add(SandboxProvider.TeleVoips, FaultKind.ConnectionReset, 1);
        using var client = SandboxTestKit.TeleVoips(Host);
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("reports/cdrs"));
        using var r = await client.GetAsync("reports/cdrs");
        Assert.Equal(HttpStatusCode.Accepted, r.StatusCode);
    }

    [Fact]
    public async Task Telnyx_repeated_page_serves_the_previous_pages_data()
    {
        using var client = SandboxTestKit.Telnyx(Host);
        var page1 = (await SandboxTestKit.JsonAsync(await client.GetAsync(TelnyxPage + "&page[number]=1"))).GetProperty("data").ToString();
        Host.Faults.Add(SandboxProvider.Telnyx, FaultKind.RepeatedPage, 1);
        var page2 = await SandboxTestKit.JsonAsync(await client.GetAsync(TelnyxPage + "&page[number]=2"));
        Assert.Equal(page1, page2.GetProperty("data").ToString());
        Assert.Equal(2, page2.GetProperty("meta").GetProperty("page_number").GetInt32());
    }

    [Fact]
    public async Task Telgorithm_repeated_page_hands_back_the_same_search_id_forever()
    {
        using var client = SandboxTestKit.Telgorithm(Host);
        var first = await SandboxTestKit.JsonAsync(await client.GetAsync("messaging/v1/OutboundMessages?PageSize=10"));
        var searchId = first.GetProperty("searchId").GetString();
        Host.Faults.Add(SandboxProvider.Telgorithm, FaultKind.RepeatedPage);
        for (var i = 0; i < 3; i++)
        {
            var next = await SandboxTestKit.JsonAsync(await client.GetAsync($"messaging/v1/OutboundMessages?PageSize=10&SearchId={searchId}"));
            Assert.Equal(searchId, next.GetProperty("searchId").GetString());
        }
    }

    [Fact]
    public async Task An_export_that_never_completes_keeps_answering_202()
    {
        Host.Faults.Add(SandboxProvider.TeleVoips, FaultKind.ExportNeverReady);
        using var client = SandboxTestKit.TeleVoips(Host);
        var id = (await SandboxTestKit.JsonAsync(await client.GetAsync("reports/cdrs"))).GetProperty("id").GetString();
        for (var i = 0; i < 6; i++)
        {
            using var r = await client.GetAsync($"reports/cdrs?id={id}");
            Assert.Equal(HttpStatusCode.Accepted, r.StatusCode);
        }
        Host.Faults.Clear();
        using var done = await client.GetAsync($"reports/cdrs?id={id}");
        Assert.Equal(HttpStatusCode.Created, done.StatusCode);
    }

    [Fact]
    public async Task The_admin_endpoint_adds_rules_from_json_and_delete_clears_them()
    {
        using var admin = new HttpClient { BaseAddress = Host.BaseUri };
        const string rules = """[{"provider":"callr","kind":"status_503","requests":[2],"retry_after_s":3},{"provider":"telgorithm","kind":"connection_reset"}]""";
        using var post = await admin.PostAsync("_sandbox/faults", new StringContent(rules, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Equal(2, (await SandboxTestKit.JsonAsync(post)).GetProperty("added").GetInt32());

        using var callr = SandboxTestKit.Callr(Host);
        object[] p = ["IN", "2026-11-19 00:00:00", "2026-11-19 00:10:00"];
        Assert.Equal(HttpStatusCode.OK, (await SandboxTestKit.RpcAsync(callr, "sms.get_list", p)).StatusCode);
        using var second = await SandboxTestKit.RpcAsync(callr, "sms.get_list", p);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), second.Headers.RetryAfter?.Delta);
        using var telgorithm = SandboxTestKit.Telgorithm(Host);
        await Assert.ThrowsAsync<HttpRequestException>(() => telgorithm.GetAsync("messaging/v1/Calls"));

        using var delete = await admin.DeleteAsync("_sandbox/faults");
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await telgorithm.GetAsync("messaging/v1/Calls")).StatusCode);
    }

    [Fact]
    public async Task The_admin_endpoint_rejects_an_unknown_fault_kind()
    {
        using var admin = new HttpClient { BaseAddress = Host.BaseUri };
        using var r = await admin.PostAsync("_sandbox/faults", new StringContent("""{"provider":"telnyx","kind":"meteor"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Contains("meteor", (await SandboxTestKit.JsonAsync(r)).GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Object, (await SandboxTestKit.JsonAsync(await admin.GetAsync("_sandbox/requests"))).ValueKind);
    }
}

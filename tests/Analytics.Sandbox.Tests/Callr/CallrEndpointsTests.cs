using System.Net;
using System.Text;
using System.Text.Json;

namespace Analytics.Sandbox.Tests.Callr;

public sealed class CallrEndpointsTests : SandboxClassBase
{
    private static readonly object[] Day19Out = ["OUT", "2026-11-19 00:00:00", "2026-11-19 23:59:59", null!, null!];

    [Fact]
    public async Task Answers_a_wrong_key_with_http_200_and_a_401_error_object()
    {
        using var client = new HttpClient { BaseAddress = Host.CallrUrl };
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Api-Key nope");
        using var r = await SandboxTestKit.RpcAsync(client, "cdr.get", Day19Out, id: 42);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var json = await SandboxTestKit.JsonAsync(r);
        Assert.Equal(42, json.GetProperty("id").GetInt32());
        Assert.Equal(401, json.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal("Authentication failed", json.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Answers_an_unknown_method_with_minus_32601()
    {
        using var client = SandboxTestKit.Callr(Host);
        var json = await SandboxTestKit.JsonAsync(await SandboxTestKit.RpcAsync(client, "cdr.frobnicate", Day19Out));
        Assert.Equal(-32601, json.GetProperty("error").GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Rejects_named_params_and_bad_dates_with_minus_32602()
    {
        using var client = SandboxTestKit.Callr(Host);
        var named = await SandboxTestKit.JsonAsync(await SandboxTestKit.RpcAsync(client, "cdr.get",
            new { type = "IN", from = "2026-11-19 00:00:00", to = "2026-11-19 23:59:59" }));
        Assert.Equal(-32602, named.GetProperty("error").GetProperty("code").GetInt32());
        var badDate = await SandboxTestKit.JsonAsync(await SandboxTestKit.RpcAsync(client, "sms.get_list",
            new object[] { "IN", "2026-11-19T00:00:00Z", "2026-11-19 23:59:59" }));
        Assert.Equal(-32602, badDate.GetProperty("error").GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Serves_json_rpc_content_type_and_echoes_the_id()
    {
        using var client = SandboxTestKit.Callr(Host);
        using var r = await SandboxTestKit.RpcAsync(client, "sms.get_list", new object[] { "IN", "2026-11-19 00:00:00", "2026-11-19 01:00:00" }, id: 9);
        Assert.Equal("application/json-rpc", r.Content.Headers.ContentType?.MediaType);
        var json = await SandboxTestKit.JsonAsync(r);
        Assert.Equal("2.0", json.GetProperty("jsonrpc").GetString());
        Assert.Equal(9, json.GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task Cdrs_use_zero_dates_when_unanswered_and_cents_strings_for_money()
    {
        using var client = SandboxTestKit.Callr(Host);
        var cdrs = await ResultAsync(client, "cdr.get", Day19Out);
        Assert.True(cdrs.Count > 50);
        Assert.Contains(cdrs, c => c.GetProperty("answer").GetString() == "0000-00-00 00:00:00");
        Assert.All(cdrs, c =>
        {
            var answered = c.GetProperty("answer").GetString() != "0000-00-00 00:00:00";
            Assert.Equal(answered, c.GetProperty("dialstatus").GetString() == "ANSWER");
            Assert.Equal(answered, c.GetProperty("duration_answered").GetInt32() > 0);
            Assert.Matches(@"^\d+\.\d{4}$", c.GetProperty("billing_customer_debit_eur").GetString());
            Assert.Equal(JsonValueKind.Number, c.GetProperty("callid").ValueKind);
            Assert.StartsWith("+", c.GetProperty("number").GetString(), StringComparison.Ordinal);
            Assert.False(c.TryGetProperty("did_intl_number", out _));
        });
        var incoming = await ResultAsync(client, "cdr.get", new object[] { "IN", "2026-11-19 00:00:00", "2026-11-19 23:59:59", null!, null! });
        Assert.All(incoming, c => Assert.StartsWith("+", c.GetProperty("did_intl_number").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bounds_are_inclusive_at_whole_seconds()
    {
        using var client = SandboxTestKit.Callr(Host);
        var cdrs = await ResultAsync(client, "cdr.get", Day19Out);
        var start = cdrs[cdrs.Count / 2].GetProperty("start").GetString()!;
        var exact = await ResultAsync(client, "cdr.get", new object[] { "OUT", start, start, null!, null! });
        Assert.NotEmpty(exact);
        Assert.All(exact, c => Assert.Equal(start, c.GetProperty("start").GetString()));
        Assert.Equal(cdrs.Count(c => c.GetProperty("start").GetString() == start), exact.Count);
    }

    [Fact]
    public async Task Filters_cdrs_by_app_hash()
    {
        using var client = SandboxTestKit.Callr(Host);
        var all = await ResultAsync(client, "cdr.get", Day19Out);
        var hash = all[0].GetProperty("scenario_hash").GetString()!;
        var filtered = await ResultAsync(client, "cdr.get", new object[] { "OUT", "2026-11-19 00:00:00", "2026-11-19 23:59:59", hash, null! });
        Assert.Equal(all.Count(c => c.GetProperty("scenario_hash").GetString() == hash), filtered.Count);
        Assert.True(filtered.Count < all.Count);
    }

    [Fact]
    public async Task Sms_list_has_parts_from_text_length_and_unicode_texts()
    {
        using var client = SandboxTestKit.Callr(Host);
        var sms = await ResultAsync(client, "sms.get_list", new object[] { "OUT", "2026-11-18 00:00:00", "2026-11-19 23:59:59" });
        Assert.True(sms.Count > 50);
        Assert.All(sms, s =>
        {
            Assert.Equal("OUT", s.GetProperty("type").GetString());
            Assert.True(s.GetProperty("status").GetString() is "SENT" or "ERROR");
            var text = s.GetProperty("text").GetString()!;
            var parts = s.GetProperty("parts").GetInt32();
            var gsm = text.All(ch => ch < 0x80 || "£¥èéùìòÇØøÅåÉÄÖÑÜäöñüà€§¿¡".Contains(ch, StringComparison.Ordinal));
            if (gsm && text.Length <= 140)
                Assert.Equal(1, parts);
            if (!gsm && text.Length > 70)
                Assert.True(parts >= 2, $"{parts} part(s) for {text.Length} UCS-2 chars");
        });
        Assert.Contains(sms, s => s.GetProperty("parts").GetInt32() > 1);
    }

    private static async Task<List<JsonElement>> ResultAsync(HttpClient client, string method, object parameters)
    {
        var json = await SandboxTestKit.JsonAsync(await SandboxTestKit.RpcAsync(client, method, parameters));
        Assert.False(json.TryGetProperty("error", out var e), e.ToString());
        return json.GetProperty("result").EnumerateArray().ToList();
    }
}

using System.Text;

namespace Analytics.Sandbox.Tests.Data;

public sealed class DeterminismTests
{
    [Fact]
    public async Task The_same_seed_serves_byte_identical_answers_and_another_seed_does_not()
    {
        var a = await FetchAllAsync(1);
        var b = await FetchAllAsync(1);
        var c = await FetchAllAsync(2);
        Assert.Equal(a.Keys, b.Keys);
        foreach (var key in a.Keys)
        {
            Assert.True(a[key].AsSpan().SequenceEqual(b[key]), $"{key} differs between two runs with seed 1");
            Assert.False(a[key].AsSpan().SequenceEqual(c[key]), $"{key} is the same with seeds 1 and 2");
        }
    }

    private static async Task<Dictionary<string, byte[]>> FetchAllAsync(int seed)
    {
        await using var host = await SandboxTestKit.StartAsync(SandboxTestKit.Small(seed));
        var result = new Dictionary<string, byte[]>();
        using (var raw = SandboxTestKit.TeleVoips(host, decompress: false))
        {
            var url = await SandboxTestKit.ExportUrlAsync(raw, new DateOnly(2026, 11, 19));
            using var gz = new HttpRequestMessage(HttpMethod.Get, url);
            gz.Headers.AcceptEncoding.ParseAdd("gzip");
            result["televoips csv.gz"] = await (await raw.SendAsync(gz)).Content.ReadAsByteArrayAsync();
        }
        using (var telnyx = SandboxTestKit.Telnyx(host))
        {
            foreach (var type in new[] { "messaging", "call-control", "sip-trunking", "webrtc" })
                result["telnyx " + type] = await telnyx.GetByteArrayAsync($"v2/detail_records?filter[record_type]={type}&page[size]=50&page[number]=3");
        }
        using (var callr = SandboxTestKit.Callr(host))
        {
            result["callr cdr"] = await (await SandboxTestKit.RpcAsync(callr, "cdr.get",
                new object[] { "IN", "2026-11-19 00:00:00", "2026-11-19 23:59:59", null!, null! })).Content.ReadAsByteArrayAsync();
            result["callr sms"] = await (await SandboxTestKit.RpcAsync(callr, "sms.get_list",
                new object[] { "OUT", "2026-11-18 00:00:00", "2026-11-19 23:59:59" })).Content.ReadAsByteArrayAsync();
        }
        using (var telgorithm = SandboxTestKit.Telgorithm(host))
        {
            foreach (var endpoint in new[] { "InboundMessages", "OutboundMessages", "Calls" })
                result["telgorithm " + endpoint] = await telgorithm.GetByteArrayAsync($"messaging/v1/{endpoint}?PageSize=200&includeFees=true");
        }
        var truth = new MemoryStream();
        await host.GroundTruth.WriteJsonAsync(truth, CancellationToken.None);
        result["ground truth"] = truth.ToArray();
        Assert.All(result, kv => Assert.True(kv.Value.Length > 200, $"{kv.Key}: {Encoding.UTF8.GetString(kv.Value)}"));
        return result;
    }
}

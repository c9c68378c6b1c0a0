using System.Net;
using System.Net.Sockets;

namespace Analytics.Sandbox.Tests.Hosting;

public sealed class SandboxHostTests
{
    [Fact]
    public async Task Starts_on_a_free_loopback_port_with_the_documented_base_urls()
    {
        await using var host = await SandboxTestKit.StartAsync();
        Assert.Equal("127.0.0.1", host.BaseUri.Host);
        Assert.NotEqual(0, host.Port);
        Assert.Equal($"http://127.0.0.1:{host.Port}/v2", host.TelnyxBaseUrl.ToString());
        Assert.Equal($"http://127.0.0.1:{host.Port}/json-rpc/v1.1/", host.CallrUrl.ToString());
        Assert.Equal($"http://127.0.0.1:{host.Port}/messaging", host.TelgorithmBaseUrl.ToString());
        Assert.Equal(new DateOnly(2026, 11, 18), host.FirstDay);
        Assert.Equal(new DateOnly(2026, 11, 19), host.LastDay);
    }

    [Fact]
    public async Task A_port_in_use_is_reported_with_the_port_number()
    {
        using var blocker = new TcpListener(IPAddress.Loopback, 0);
        blocker.Start();
        var port = ((IPEndPoint)blocker.LocalEndpoint).Port;
        var ex = await Assert.ThrowsAsync<SandboxPortInUseException>(() =>
            SandboxTestKit.StartAsync(SandboxTestKit.Small() with { Port = port }));
        Assert.Equal($"port {port} is in use; pick another with --port", ex.Message);
    }

    [Fact]
    public async Task Counts_requests_per_provider_and_reports_them_on_the_admin_endpoint()
    {
        await using var host = await SandboxTestKit.StartAsync();
        using var telnyx = SandboxTestKit.Telnyx(host);
        for (var i = 0; i < 3; i++)
            (await telnyx.GetAsync("v2/detail_records?filter[record_type]=messaging")).Dispose();
        using var anon = new HttpClient { BaseAddress = host.BaseUri };
        (await anon.GetAsync("reports/cdrs")).Dispose();

        Assert.Equal(3, host.Requests[SandboxProvider.Telnyx]);
        Assert.Equal(1, host.Requests[SandboxProvider.TeleVoips]);
        Assert.Equal(0, host.Requests[SandboxProvider.Callr]);
        var json = await SandboxTestKit.JsonAsync(await anon.GetAsync("_sandbox/requests"));
        Assert.Equal(3, json.GetProperty("telnyx").GetInt64());
        Assert.Equal(1, json.GetProperty("televoips").GetInt64());
    }

    [Fact]
    public async Task Writes_a_rate_deck_that_prices_every_generated_prefix()
    {
        await using var host = await SandboxTestKit.StartAsync();
        var path = Path.Combine(Path.GetTempPath(), $"sandbox-rates-{Guid.NewGuid():N}.csv");
        try
        {
            await host.WriteRateDeckAsync(path);
            var lines = await File.ReadAllLinesAsync(path);
            Assert.Equal("prefix,rate_per_minute,currency,increment_s", lines[0]);
            Assert.Contains(lines, l => l.StartsWith("336,", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith("1416,", StringComparison.Ordinal));
            Assert.All(lines.Skip(1), l => Assert.Matches(@"^\d+,\d+\.\d{4},EUR,\d+$", l));
        }
        finally
        {
            File.Delete(path);
        }
    }
}

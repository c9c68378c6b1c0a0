using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using Analytics.Jobs.Cli;

namespace Analytics.Jobs.Tests.Cli;

public sealed class SandboxCommandTests
{
    [Fact]
    public async Task A_port_in_use_prints_one_line_and_exits_1()
    {
        using var blocker = new TcpListener(IPAddress.Loopback, 0);
        blocker.Start();
        var port = ((IPEndPoint)blocker.LocalEndpoint).Port;
        var root = new RootCommand { SandboxCommand.Create() };
        var output = new StringWriter();
        var error = new StringWriter();

        var code = await root.Parse(["sandbox", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = error });

        Assert.Equal(1, code);
        Assert.Equal($"analytics: port {port} is in use; pick another with --port{Environment.NewLine}", error.ToString());
        Assert.Equal("", output.ToString());
    }

    [Fact]
    public async Task Prints_the_base_urls_and_keys_then_serves_until_cancelled()
    {
        var root = new RootCommand { SandboxCommand.Create() };
        var output = new StringWriter();
        using var cts = new CancellationTokenSource();
        var run = root.Parse(["sandbox", "--port", "0", "--days", "1", "--volume", "0.01"])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = new StringWriter() }, cts.Token);
        for (var i = 0; i < 100 && !output.ToString().Contains("Ctrl+C", StringComparison.Ordinal); i++)
            await Task.Delay(50);
        var text = output.ToString();
        Assert.Contains("x-api-key: sandbox-televoips-key", text, StringComparison.Ordinal);
        Assert.Contains("Bearer sandbox-telnyx-key", text, StringComparison.Ordinal);
        Assert.Contains("Api-Key sandbox-callr-key", text, StringComparison.Ordinal);
        Assert.Contains("/json-rpc/v1.1/", text, StringComparison.Ordinal);
        Assert.Matches(@"telgorithm\s+http://127\.0\.0\.1:\d+/messaging", text);
        cts.Cancel();
        Assert.Equal(0, await run);
    }
}

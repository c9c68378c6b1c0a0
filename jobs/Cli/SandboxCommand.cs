using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using Analytics.Sandbox;

namespace Analytics.Jobs.Cli;

/// <summary><c>analytics sandbox</c>: the four provider APIs on loopback until Ctrl+C / SIGTERM.</summary>
internal static class SandboxCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1", DefaultValueFactory = _ => 5080 };
        var seed = new Option<int>("--seed") { Description = "Seed of the generated data", DefaultValueFactory = _ => 1 };
        var days = new Option<int>("--days") { Description = "UTC days served, ending yesterday", DefaultValueFactory = _ => 7 };
        var volume = new Option<double>("--volume") { Description = "Volume multiplier (1.0 ≈ 13k records a day)", DefaultValueFactory = _ => 1.0 };
        var truth = new Option<string?>("--ground-truth") { Description = "Write the ground-truth JSON to this file" };
        var rates = new Option<string?>("--rates") { Description = "Write the TeleVoIPs rate deck CSV to this file" };
        var cmd = new Command("sandbox", "Serve the TeleVoIPs, Telnyx, CALLR and Telgorithm APIs with generated data on 127.0.0.1");
        foreach (var o in new Option[] { port, seed, days, volume, truth, rates })
            cmd.Options.Add(o);
        cmd.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            var options = new SandboxOptions
            {
                Port = r.GetValue(port),
                Seed = r.GetValue(seed),
                Days = r.GetValue(days),
                VolumeMultiplier = r.GetValue(volume),
            };
            if (options.Days < 1 || options.VolumeMultiplier <= 0 || options.Port is < 0 or > 65535)
            {
                await r.InvocationConfiguration.Error.WriteLineAsync("analytics: --days must be ≥ 1, --volume > 0 and --port 0..65535");
                return 1;
            }
            SandboxHost host;
            try
            {
                host = await SandboxHost.StartAsync(options, ct);
            }
            catch (SandboxPortInUseException ex)
            {
                // Printed here: System.CommandLine's default handler would turn a CliException into a stack trace.
                await r.InvocationConfiguration.Error.WriteLineAsync($"analytics: {ex.Message}");
                return 1;
            }
            await using (host)
            {
                var output = r.InvocationConfiguration.Output;
                await PrintAsync(host, output);
                if (r.GetValue(rates) is { } ratesPath)
                {
                    await host.WriteRateDeckAsync(ratesPath, ct);
                    await output.WriteLineAsync($"rate deck     {ratesPath}");
                }
                if (r.GetValue(truth) is { } truthPath)
                {
                    await host.WriteGroundTruthAsync(truthPath, ct);
                    await output.WriteLineAsync($"ground truth  {truthPath}");
                }
                await output.WriteLineAsync("Ctrl+C to stop.");
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
                void OnSignal(PosixSignalContext c)
                {
                    c.Cancel = true;
                    stop.Cancel();
                }
                using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
                using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
                try
                {
                    await Task.Delay(Timeout.Infinite, stop.Token);
                }
                catch (OperationCanceledException)
                {
                    // Ctrl+C / SIGTERM: stop cleanly.
                }
            }
            return 0;
        });
        return cmd;
    }

    private static Task PrintAsync(SandboxHost host, TextWriter output)
    {
        var lines = new[]
        {
            string.Create(CultureInfo.InvariantCulture, $"sandbox on {host.BaseUri} serving {host.FirstDay:yyyy-MM-dd}..{host.LastDay:yyyy-MM-dd} (seed {host.Options.Seed}, volume {host.Options.VolumeMultiplier})"),
            $"televoips     {host.TeleVoipsBaseUrl}  x-api-key: {SandboxKeys.TeleVoipsApiKey}",
            $"telnyx        {host.TelnyxBaseUrl}  Authorization: Bearer {SandboxKeys.TelnyxApiKey}",
            $"callr         {host.CallrUrl}  Authorization: Api-Key {SandboxKeys.CallrApiKey}",
            $"telgorithm    {host.TelgorithmBaseUrl}  Basic {SandboxKeys.TelgorithmUser}:{SandboxKeys.TelgorithmPassword}",
            $"admin         {host.BaseUri}_sandbox/faults (POST/DELETE), {host.BaseUri}_sandbox/requests",
        };
        return output.WriteLineAsync(string.Join(Environment.NewLine, lines));
    }
}

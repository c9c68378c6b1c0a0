using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Analytics.Sandbox;

namespace Analytics.Bench.Sandbox;

/// <summary>
/// Sandbox serving speed and memory: a ~10k-call TeleVoIPs CSV, Telnyx pages/s, and a ~1M-call CSV streamed
/// while watching peak RSS (client and server share this process, so the figure covers both).
/// </summary>
internal sealed class SandboxBenchmark : IBenchmark
{
    public string Name => "sandbox";

    public string Description => "sandbox: 10k-call CSV time, Telnyx pages/s, peak RSS streaming a 1M-call CSV";

    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var big = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000 / 3000.0;
        var day = new DateOnly(2026, 11, 19);
        var clock = new FixedClock(new DateTimeOffset(2026, 11, 20, 6, 0, 0, TimeSpan.Zero));

        await using (var host = await SandboxHost.StartAsync(new SandboxOptions { Port = 0, Days = 1, VolumeMultiplier = 10_000 / 3000.0, TimeProvider = clock, TeleVoipsPollsBeforeReady = 0 }, cancellationToken))
        {
            using var client = Client(host);
            for (var run = 1; run <= 3; run++)
            {
                long rows = 0;
                await Measure.TimeAsync($"televoips csv ~10k calls, gzip (run {run})", 10_000, async () => rows = await CsvRowsAsync(client, day, cancellationToken));
                if (run == 3)
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  rows served: {rows}"));
            }
            using var telnyx = new HttpClient { BaseAddress = host.BaseUri };
            telnyx.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SandboxKeys.TelnyxApiKey);
            const int pages = 400;
            await Measure.TimeAsync($"telnyx {pages} pages of 50 (rows = pages)", pages, async () =>
            {
                for (var p = 1; p <= pages; p++)
                {
                    var n = 1 + (p % 20);
                    using var r = await telnyx.GetAsync($"v2/detail_records?filter[record_type]=call-control&page[size]=50&page[number]={n}", cancellationToken);
                    r.EnsureSuccessStatusCode();
                    await r.Content.ReadAsByteArrayAsync(cancellationToken);
                }
            });
        }

        GC.Collect();
        Measure.ResetPeakRss();
        await using (var host = await SandboxHost.StartAsync(new SandboxOptions { Port = 0, Days = 1, VolumeMultiplier = big, TimeProvider = clock, TeleVoipsPollsBeforeReady = 0 }, cancellationToken))
        {
            using var client = Client(host);
            long rows = 0;
            await Measure.TimeAsync("televoips csv ~1M calls, gzip, streamed", 1_000_000, async () => rows = await CsvRowsAsync(client, day, cancellationToken));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  rows served: {rows}, RSS now {Measure.RssMegabytes()} MB"));
        }
    }

    private static HttpClient Client(SandboxHost host)
    {
        var c = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.GZip }) { BaseAddress = host.BaseUri, Timeout = TimeSpan.FromMinutes(10) };
        c.DefaultRequestHeaders.Add("x-api-key", SandboxKeys.TeleVoipsApiKey);
        return c;
    }

    // Counts lines while reading, so the client never holds the file either.
    private static async Task<long> CsvRowsAsync(HttpClient client, DateOnly day, CancellationToken ct)
    {
        using var r = await client.GetAsync($"reports/cdrs/files/cdrs_{day:yyyy-MM-dd}.csv", HttpCompletionOption.ResponseHeadersRead, ct);
        r.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await r.Content.ReadAsStreamAsync(ct));
        long lines = 0;
        while (await reader.ReadLineAsync(ct) is not null)
            lines++;
        return lines - 1;
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

using System.Diagnostics;
using System.Globalization;
using Analytics.Ingest;
using Analytics.Sandbox;
using Analytics.Landing;

namespace Analytics.Bench;

/// <summary>
/// Fetch + land of Telnyx detail records from the in-process sandbox over real loopback HTTP (pages of 50, every page
/// validated, hashed, fsynced and renamed, one manifest line each). Args: record counts, default <c>100000 1000000</c>.
/// Peak RSS is the whole process (sandbox included) and is reset between sizes, so flat = landing streams.
/// </summary>
internal sealed class IngestBenchmark : IBenchmark
{
    public string Name => "ingest";

    public string Description => "Telnyx fetch + land from the sandbox: records/s and peak RSS at 100k and 1M records";

    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var sizes = args.Length == 0 ? [100_000, 1_000_000] : args.Select(a => long.Parse(a, CultureInfo.InvariantCulture)).ToArray();
        foreach (var size in sizes)
            await RunOnceAsync(size, cancellationToken);
    }

    private static async Task RunOnceAsync(long target, CancellationToken cancellationToken)
    {
        var perDayAtVolume1 = await TelnyxRecordsAtVolume1Async(cancellationToken);
        var root = Path.Combine(Path.GetTempPath(), $"analytics-bench-ingest-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        try
        {
            await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions
            {
                Port = 0,
                Days = 1,
                VolumeMultiplier = target / perDayAtVolume1,
            }, cancellationToken);
            var sources = new SourcesOptions
            {
                Telnyx = new TelnyxOptions { BaseUrl = sandbox.TelnyxBaseUrl.ToString(), ApiKey = SandboxKeys.TelnyxApiKey },
            };
            var runner = new IngestRunner(sources, new LandingOptions { Path = Path.Combine(root, "landing") });
            GC.Collect();
            Measure.ResetPeakRss();
            var rssBefore = Measure.RssMegabytes();
            var watch = Stopwatch.StartNew();
            var summaries = await runner.RunAsync(["telnyx"], new IngestRequest(sandbox.LastDay, sandbox.LastDay), null, null, cancellationToken);
            watch.Stop();
            long records = summaries.Sum(s => s.Records), bytes = summaries.Sum(s => s.Bytes);
            var pages = summaries.Sum(s => s.Pages);
            var seconds = Math.Max(watch.Elapsed.TotalSeconds, 1e-9);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ingest telnyx {records,9:N0} records {pages,6:N0} pages {bytes / 1048576.0,7:N0} MB  {seconds,7:F1} s  {records / seconds,8:N0} records/s  {bytes / 1048576.0 / seconds,5:N1} MB/s  RSS before {rssBefore} MB, peak {Measure.PeakRssMegabytes()} MB"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>Telnyx records the sandbox serves for its last day at volume 1 (weekdays and weekends differ), from meta.total_results.</summary>
    private static async Task<double> TelnyxRecordsAtVolume1Async(CancellationToken cancellationToken)
    {
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { Port = 0, Days = 1 }, cancellationToken);
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", SandboxKeys.TelnyxApiKey);
        var day = sandbox.LastDay.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var total = 0L;
        foreach (var type in TelnyxOptions.DefaultRecordTypes)
        {
            var url = string.Create(CultureInfo.InvariantCulture,
                $"{sandbox.TelnyxBaseUrl}/detail_records?filter[record_type]={type}&filter[created_at][gte]={day:yyyy-MM-ddTHH:mm:ssZ}&filter[created_at][lt]={day.AddDays(1):yyyy-MM-ddTHH:mm:ssZ}&page[size]=1");
            using var json = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(new Uri(url), cancellationToken));
            total += json.RootElement.GetProperty("meta").GetProperty("total_results").GetInt64();
        }

        return total;
    }
}

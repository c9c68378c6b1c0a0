using Microsoft.AspNetCore.Builder;
using System.Text;
using Analytics.Sandbox;

namespace Analytics.Ingest.Tests;

public sealed class SecretsTests
{
    private const string TeleVoipsKey = "SENTINEL-televoips-9f1c2e";
    private const string TelnyxKey = "SENTINEL-telnyx-4b7d0a";
    private const string CallrKey = "SENTINEL-callr-e38a51";
    private const string TelgorithmPassword = "SENTINEL-telgorithm-c6250f";

    [Fact]
    public async Task Sentinel_secrets_appear_nowhere_in_logs_errors_landing_files_manifests_or_state()
    {
        await using var h = await IngestHarness.StartAsync();
        var basicSentinel = SentinelProxy.Basic(SandboxKeys.TelgorithmUser, TelgorithmPassword);
        await using var proxy = await SentinelProxy.StartAsync(h.Sandbox.BaseUri, new Dictionary<string, string>
        {
            [TeleVoipsKey] = SandboxKeys.TeleVoipsApiKey,
            [TelnyxKey] = SandboxKeys.TelnyxApiKey,
            [CallrKey] = SandboxKeys.CallrApiKey,
            [basicSentinel] = SentinelProxy.Basic(SandboxKeys.TelgorithmUser, SandboxKeys.TelgorithmPassword),
        });
        var via = proxy.BaseUri;
        h.Sources = h.Sources with
        {
            TeleVoips = h.Sources.TeleVoips with { BaseUrl = via.GetLeftPart(UriPartial.Authority), ApiKey = TeleVoipsKey },
            Telnyx = h.Sources.Telnyx with { BaseUrl = new Uri(via, "v2").ToString(), ApiKey = TelnyxKey },
            Callr = h.Sources.Callr with { BaseUrl = new Uri(via, "json-rpc/v1.1/").ToString(), ApiKey = CallrKey },
            Telgorithm = h.Sources.Telgorithm with { BaseUrl = new Uri(via, "messaging").ToString(), Password = TelgorithmPassword },
        };
        // Faults on the way, so retry warnings are logged too.
        foreach (var provider in Enum.GetValues<SandboxProvider>())
        {
            h.Fault(provider, FaultKind.InternalServerError, 1);
            h.Fault(provider, FaultKind.RateLimit, 2);
        }

        var summaries = await h.Runner().RunAsync(["all"], h.OneDay, null, null, CancellationToken.None);
        Assert.Equal(12, summaries.Count);
        Assert.True(summaries.Sum(s => s.Records) > 0);

        // The same sentinels sent straight to the sandbox are rejected: the failure messages must not carry them either.
        var errors = new List<string>();
        var direct = h.Sources with
        {
            Telnyx = h.Sources.Telnyx with { BaseUrl = h.Sandbox.TelnyxBaseUrl.ToString() },
            Callr = h.Sources.Callr with { BaseUrl = h.Sandbox.CallrUrl.ToString() },
            Telgorithm = h.Sources.Telgorithm with { BaseUrl = h.Sandbox.TelgorithmBaseUrl.ToString() },
            TeleVoips = h.Sources.TeleVoips with { BaseUrl = h.Sandbox.TeleVoipsBaseUrl.ToString() },
        };
        h.Sources = direct;
        var ex = await Assert.ThrowsAsync<IngestException>(() =>
            h.Runner().RunAsync(["all"], h.OneDay with { Force = true }, null, null, CancellationToken.None));
        errors.Add(ex.ToString());
        Assert.Contains("credentials rejected", ex.Message, StringComparison.Ordinal);

        string[] sentinels = [TeleVoipsKey, TelnyxKey, CallrKey, TelgorithmPassword, basicSentinel];
        var places = new Dictionary<string, string> { ["logs"] = h.Logs.Text, ["errors"] = string.Join("\n", errors) };
        foreach (var file in Directory.EnumerateFiles(h.Dir.Path, "*", SearchOption.AllDirectories))
            places[file] = Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file));
        Assert.Contains(h.LandingFiles(), f => f.EndsWith("manifest.jsonl", StringComparison.Ordinal));
        Assert.Contains("Trace", h.Logs.Text, StringComparison.Ordinal);
        foreach (var (place, text) in places)
        {
            foreach (var sentinel in sentinels)
                Assert.False(text.Contains(sentinel, StringComparison.Ordinal), $"{sentinel} found in {place}");
        }
    }

    [Fact]
    public async Task A_key_in_a_download_urls_path_is_redacted_in_the_manifest_and_logs()
    {
        const string key = "SENTINEL-in-path-77d1";
        await using var fake = await Http.FakeProvider.StartAsync(app =>
        {
            app.MapGet("/reports/cdrs", (Microsoft.AspNetCore.Http.HttpContext ctx) => Microsoft.AspNetCore.Http.Results.Json(
                new { status = "complete", id = "exp-1", url = $"http://127.0.0.1:{ctx.Request.Host.Port}/files/{key}/cdrs_2026-11-21.csv" }, statusCode: 201));
            app.MapGet("/files/{token}/{name}", () => Microsoft.AspNetCore.Http.Results.Text("calldate,uniqueid\n\"2026-11-21 10:00:00\",\"1.1\"\n", "text/csv"));
        });
        using var dir = new Analytics.Testing.TempDirectory("secret-path");
        var landing = new Analytics.Landing.LandingOptions { Path = dir.Combine("landing") };
        var logs = new LogBuffer();
        var sources = new SourcesOptions { TeleVoips = new TeleVoipsOptions { BaseUrl = fake.BaseUri.ToString(), ApiKey = key } };
        var day = new DateOnly(2026, 11, 21);

        await new IngestRunner(sources, landing, logs.Factory()).RunAsync(["televoips"], new IngestRequest(day, day), null, null, CancellationToken.None);

        var file = Assert.Single(new Analytics.Landing.LandingZone(landing).CompleteDay("televoips", "cdrs", day)!.Files);
        Assert.Equal($"{fake.BaseUri}files/***/cdrs_2026-11-21.csv", file.Entry.Url);
        foreach (var path in Directory.EnumerateFiles(dir.Path, "*", SearchOption.AllDirectories))
            Assert.DoesNotContain(key, await File.ReadAllTextAsync(path), StringComparison.Ordinal);
        Assert.DoesNotContain(key, logs.Text, StringComparison.Ordinal);
    }
}

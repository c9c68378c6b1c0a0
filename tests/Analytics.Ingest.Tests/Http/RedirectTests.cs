using Analytics.Ingest.TeleVoips;
using Analytics.Testing;
using Analytics.Landing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace Analytics.Ingest.Tests.Http;

public sealed class RedirectTests
{
    private const string Key = "redirect-test-key";

    [Fact]
    public async Task A_download_redirected_to_another_host_is_followed_without_sending_the_key_there()
    {
        var keysSeen = new Dictionary<string, string?>();
        await using var fake = await FakeProvider.StartAsync(app =>
        {
            app.MapGet("/reports/cdrs", (HttpContext ctx) =>
            {
                keysSeen["export"] = ctx.Request.Headers["x-api-key"];
                return Results.Json(new { status = "complete", id = "exp-1", url = $"http://127.0.0.1:{ctx.Request.Host.Port}/reports/cdrs/files/cdrs_2026-11-21.csv" }, statusCode: 201);
            });
            app.MapGet("/reports/cdrs/files/{name}", (HttpContext ctx, string name) =>
            {
                keysSeen["file"] = ctx.Request.Headers["x-api-key"];
                return Results.Redirect($"http://localhost:{ctx.Request.Host.Port}/bucket/{name}");
            });
            app.MapGet("/bucket/{name}", (HttpContext ctx, string name) =>
            {
                keysSeen["bucket"] = ctx.Request.Headers["x-api-key"];
                return Results.Text("calldate,uniqueid\n\"2026-11-21 10:00:00\",\"1.1\"\n", "text/csv");
            });
        });
        var port = fake.BaseUri.Port;

        using var dir = new TempDirectory("redirect");
        var zone = new LandingZone(new LandingOptions { Path = dir.Combine("landing") });
        var options = new TeleVoipsOptions { BaseUrl = $"http://127.0.0.1:{port}", ApiKey = Key };
        using var client = new TeleVoipsClient(options, zone, new LandingState(new LandingOptions { Path = dir.Combine("landing") }),
            new Analytics.Ingest.Http.IngestHttpOptions { MaxRetries = 0 }, TimeProvider.System, NullLogger.Instance);
        var day = new DateOnly(2026, 11, 21);

        await client.IngestAsync(new IngestRequest(day, day), null, CancellationToken.None);

        Assert.Equal(1, Assert.Single(zone.CompleteDay("televoips", "cdrs", day)!.Files).Records);
        Assert.Equal(Key, keysSeen["export"]);
        Assert.Equal(Key, keysSeen["file"]);
        Assert.True(string.IsNullOrEmpty(keysSeen["bucket"]), "the key must not follow a redirect to another host");
    }
}

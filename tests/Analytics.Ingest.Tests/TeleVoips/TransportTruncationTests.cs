using System.IO.Compression;
using System.Text;
using Analytics.Ingest.Http;
using Analytics.Ingest.Tests.Http;
using Analytics.Ingest.TeleVoips;
using Analytics.Landing;
using Analytics.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace Analytics.Ingest.Tests.TeleVoips;

/// <summary>Whether a download is whole is the transport's call: its length, the gzip trailer, the chunked end.</summary>
public sealed class TransportTruncationTests
{
    private const string Key = "transport-test-key";
    private const string Csv = "calldate,uniqueid,billsec\n\"2026-11-21 10:00:00\",\"1.1\",5\n\"2026-11-21 11:00:00\",\"1.2\",7\n";
    private static readonly DateOnly Day = new(2026, 11, 21);

    [Fact]
    public async Task A_whole_gzip_download_lands()
    {
        var (landed, _) = await IngestAsync(Gzip(Csv));
        Assert.Equal(2, landed!.Files.Single().Records);
    }

    [Fact]
    public async Task A_gzip_body_whose_trailer_crc_is_wrong_is_refused_and_nothing_lands()
    {
        var body = Gzip(Csv);
        body[^8] ^= 0xFF; // first byte of the CRC-32 in the trailer
        var (landed, error) = await IngestAsync(body);
        Assert.Null(landed);
        Assert.Contains("invalid or truncated body", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_gzip_body_cut_before_its_trailer_is_refused_even_with_a_matching_content_length()
    {
        var body = Gzip(Csv)[..^6];
        var (landed, error) = await IngestAsync(body);
        Assert.Null(landed);
        Assert.Contains("invalid or truncated body", error, StringComparison.Ordinal);
    }

    private static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var zip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
            zip.Write(Encoding.UTF8.GetBytes(text));
        return buffer.ToArray();
    }

    /// <summary>Ingests one day from a fake whose download answers <paramref name="gzipBody"/> with Content-Length.</summary>
    private static async Task<(LandedDay? Landed, string? Error)> IngestAsync(byte[] gzipBody)
    {
        await using var fake = await FakeProvider.StartAsync(app =>
        {
            app.MapGet("/reports/cdrs", (HttpContext ctx) =>
                Results.Json(new { status = "complete", id = "exp-1", url = $"http://127.0.0.1:{ctx.Request.Host.Port}/files/cdrs_2026-11-21.csv" }, statusCode: 201));
            app.MapGet("/files/{name}", async (HttpContext ctx) =>
            {
                ctx.Response.ContentType = "text/csv";
                ctx.Response.Headers.ContentEncoding = "gzip";
                ctx.Response.ContentLength = gzipBody.Length;
                await ctx.Response.Body.WriteAsync(gzipBody);
            });
        });
        using var dir = new TempDirectory("transport");
        var landing = new LandingOptions { Path = dir.Combine("landing") };
        var zone = new LandingZone(landing);
        using var client = new TeleVoipsClient(new TeleVoipsOptions { BaseUrl = fake.BaseUri.ToString(), ApiKey = Key }, zone, new LandingState(landing),
            new IngestHttpOptions { MaxRetries = 1, BackoffBase = TimeSpan.FromMilliseconds(1) }, TimeProvider.System, NullLogger.Instance);
        try
        {
            await client.IngestAsync(new IngestRequest(Day, Day), null, CancellationToken.None);
            return (zone.CompleteDay("televoips", "cdrs", Day), null);
        }
        catch (IngestException ex)
        {
            Assert.Null(zone.CompleteDay("televoips", "cdrs", Day));
            Assert.DoesNotContain(Directory.EnumerateFiles(landing.Path, "*.csv", SearchOption.AllDirectories), _ => true);
            return (null, ex.Message);
        }
    }
}

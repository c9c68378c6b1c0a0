using System.Text;
using System.Text.Json;
using Analytics.Ingest.Http;

namespace Analytics.Ingest.Tests.Http;

public sealed class JsonEnvelopeScannerTests
{
    [Fact]
    public async Task Counts_the_record_array_and_reads_envelope_and_first_record_values()
    {
        var scan = await ScanAsync("""{"data":[{"uuid":"a","n":{"x":1}},{"uuid":"b"}],"meta":{"total_pages":3,"page_number":1},"searchId":null}""", "data");

        Assert.Equal(2, scan.Items);
        Assert.True(scan.HasArray);
        Assert.Equal("3", scan.Value("meta.total_pages"));
        Assert.Equal("a", scan.Value("first.uuid"));
        Assert.True(scan.Has("searchId"));
        Assert.Null(scan.Value("searchId"));
        Assert.False(scan.Has("uuid"));
    }

    [Theory]
    [InlineData("""{"data":[{"uuid":"a"},{"uu""")]
    [InlineData("""{"data":[]""")]
    [InlineData("")]
    [InlineData("""{"data":[]} trailing""")]
    public async Task A_truncated_or_invalid_body_throws(string body) =>
        await Assert.ThrowsAnyAsync<JsonException>(() => ScanAsync(body, "data"));

    [Fact]
    public async Task Streams_a_payload_larger_than_its_buffer_with_a_token_spanning_refills()
    {
        var big = new string('x', 200_000);
        var items = string.Join(",", Enumerable.Range(0, 5000).Select(i => $$"""{"id":{{i}},"text":"{{(i == 7 ? big : "t")}}"}"""));
        var scan = await ScanAsync($$"""{"jsonrpc":"2.0","id":1,"result":[{{items}}]}""", "result");

        Assert.Equal(5000, scan.Items);
        Assert.Equal("0", scan.Value("first.id"));
    }

    [Fact]
    public async Task Reads_a_json_rpc_error_object()
    {
        var scan = await ScanAsync("""{"jsonrpc":"2.0","id":1,"error":{"code":401,"message":"Authentication failed"}}""", "result");

        Assert.False(scan.HasArray);
        Assert.Equal("401", scan.Value("error.code"));
        Assert.Equal("Authentication failed", scan.Value("error.message"));
    }

    private static async Task<JsonScan> ScanAsync(string json, string array)
    {
        // A tiny-chunk stream makes every token boundary fall across reads at least once.
        await using var stream = new TrickleStream(Encoding.UTF8.GetBytes(json), 7);
        return await JsonEnvelopeScanner.ScanAsync(stream, array, CancellationToken.None);
    }
}

using Analytics.Warehouse.Loads;
using System.Text;

namespace Analytics.Warehouse.Tests.Loads;

public sealed class RejectTests : IDisposable
{
    private readonly LoadFixture _fixture = new();

    [Fact]
    public async Task Malformed_csv_rows_go_to_rejects_with_their_line_and_the_rest_of_the_file_loads()
    {
        var csv = Fixtures.TeleVoipsCsv +
            "\"2026-11-20 11:00:00\",\"short row\"\n" +
            "\"2026-13-45 11:00:00\",\"\",\"+33612345678\",\"201\",\"from-trunk\",\"c\",\"d\",\"Dial\",\"x\",5,5,\"ANSWERED\",3,\"\",\"bad-date\",\"\",\"+33187654321\",\"\",\"\",\"\",\"\",\"\",\"\",\"bad-date\",\"\",9\n" +
            "\"2026-11-20 11:02:00\",\"\",\"+33612345678\",\"201\",\"from-trunk\",\"c\",\"d\",\"Dial\",\"x\",\"ten\",5,\"ANSWERED\",3,\"\",\"bad-number\",\"\",\"+33187654321\",\"\",\"\",\"\",\"\",\"\",\"\",\"bad-number\",\"\",10\n";
        await _fixture.LandAsync("televoips", "cdrs", "2026-11-20", ("cdrs_2026-11-20.csv", csv));

        var report = await _fixture.LoadAsync();

        var file = Assert.Single(report.Files);
        Assert.Equal(FileOutcome.Loaded, file.Outcome);
        Assert.Equal(3, file.RowsRejected);
        Assert.Equal(
        [
            "9|line 9: Expected Number of Columns: 26 Found: 2",
            "10|line 10: calldate '2026-13-45 11:00:00' is not a yyyy-MM-dd HH:mm:ss time",
            "11|line 11: duration 'ten' is not a whole number of seconds",
        ], _fixture.Rows("SELECT ordinal, reason FROM rejects ORDER BY ordinal"));
        Assert.Equal("5", _fixture.One("SELECT count(*) FROM calls"));
    }

    [Fact]
    public async Task Reject_lines_count_blank_lines_and_quoted_newlines_before_them()
    {
        // Lines 2-8 are the fixture's 7 records, line 9 is blank, the record on lines 10-11 has a newline inside a quoted clid; line 12 has a bad duration.
        var csv = Fixtures.TeleVoipsCsv + "\n" +
            "\"2026-11-20 11:00:00\",\"Two\nlines <+33612345678>\",\"+33612345678\",\"201\",\"from-trunk\",\"c\",\"d\",\"Dial\",\"x\",5,5,\"ANSWERED\",3,\"\",\"multi\",\"\",\"+33187654321\",\"\",\"\",\"\",\"\",\"\",\"\",\"multi\",\"\",9\n" +
            "\"2026-11-20 11:02:00\",\"\",\"+33612345678\",\"201\",\"from-trunk\",\"c\",\"d\",\"Dial\",\"x\",\"ten\",5,\"ANSWERED\",3,\"\",\"bad-number\",\"\",\"+33187654321\",\"\",\"\",\"\",\"\",\"\",\"\",\"bad-number\",\"\",10\n";
        await _fixture.LandAsync("televoips", "cdrs", "2026-11-20", ("cdrs_2026-11-20.csv", csv));

        var report = await _fixture.LoadAsync();

        Assert.Equal(1, Assert.Single(report.Files).RowsRejected);
        Assert.Equal("12|line 12: duration 'ten' is not a whole number of seconds", _fixture.One("SELECT ordinal, reason FROM rejects"));
        Assert.Equal("Two\nlines <+33612345678>", _fixture.One("SELECT clid FROM raw_televoips_cdrs WHERE uniqueid = 'multi'"));
        Assert.Equal("8", _fixture.One("SELECT ordinal FROM raw_televoips_cdrs WHERE uniqueid = 'multi'"));
    }

    [Fact]
    public async Task A_json_record_with_a_duplicate_key_is_rejected_with_its_index_and_the_others_load()
    {
        var page = Fixtures.CallrCdrOut.Replace("\"callid\":1500000002,", "\"callid\":1500000002,\"number\":\"+1\",", StringComparison.Ordinal);
        await _fixture.LandAsync("callr", "cdr_out", "2026-11-20", ("result.json", page));
        await _fixture.LandAsync("callr", "cdr_out", "2026-11-21", ("result.json", Fixtures.CallrCdrOut.Replace("15000000", "25000000", StringComparison.Ordinal)));

        var report = await _fixture.LoadAsync();

        Assert.Equal(["Loaded|2|1|1", "Loaded|2|2|0"], report.Files.Select(f => $"{f.Outcome}|{f.RowsRead}|{f.RowsLoaded}|{f.RowsRejected}").ToArray());
        Assert.Equal("2|record 2: has duplicate key \"number\"", _fixture.One("SELECT ordinal, reason FROM rejects"));
        Assert.StartsWith("{\"callid\":1500000002,\"number\":\"+1\",", _fixture.One("SELECT raw FROM rejects"), StringComparison.Ordinal);
        Assert.Equal(["1500000001", "2500000001", "2500000002"], _fixture.Rows("SELECT call_id FROM calls ORDER BY call_id"));
    }

    [Fact]
    public async Task A_json_record_with_an_unparsable_time_is_rejected_with_its_index_and_the_others_load()
    {
        var page = Fixtures.TelnyxVoicePage.Replace("\"started_at\":\"2026-11-20T11:00:00.000Z\"", "\"started_at\":\"yesterday\"", StringComparison.Ordinal);
        await _fixture.LandAsync("telnyx", "call-control", "2026-11-20", ("page-0001.json", page));

        await _fixture.LoadAsync();

        Assert.Equal("2|record 2: started_at 'yesterday' is not an ISO-8601 time", _fixture.One("SELECT ordinal, reason FROM rejects"));
        Assert.Equal("c0a80001-0000-4000-8000-000000000001", _fixture.One("SELECT call_id FROM calls"));
    }

    [Theory]
    [InlineData("televoips", "cdrs", "cdrs_2026-11-20.csv", "\"2026-11-20 10:00:00\",\"x\",\"y\"\n", "has no header with the required columns: missing calldate")]
    [InlineData("telnyx", "messaging", "page-0001.json", "{\"errors\":[{\"code\":\"10009\"}]}", "is not a JSON object whose \"data\" member is an array of record objects: no \"data\" member")]
    [InlineData("callr", "cdr_in", "result.json", "[]", "is not a JSON object whose \"result\" member is an array of record objects: the document is an array")]
    [InlineData("telgorithm", "calls", "page-0001.json", "{\"items\":[{\"legSid\":\"a\"},", "is not a JSON object whose \"items\" member is an array of record objects")]
    public async Task A_file_of_the_wrong_structure_is_rejected_whole_and_nothing_of_it_is_kept(string source, string feed, string name, string content, string expected)
    {
        await _fixture.LandAsync(source, feed, "2026-11-20", (name, content));

        var report = await _fixture.LoadAsync();

        var file = Assert.Single(report.Files);
        Assert.Equal(FileOutcome.Rejected, file.Outcome);
        Assert.Contains($"{source}/{feed}/2026-11-20/{name} {expected}", file.Message, StringComparison.Ordinal);
        Assert.Equal("0|0", _fixture.One("SELECT (SELECT count(*) FROM calls), (SELECT count(*) FROM sms)"));
        Assert.Equal("rejected|0", _fixture.One("SELECT status, rows_loaded FROM loads"));
        Assert.Empty(await _fixture.LoadAsync() is { Files.Count: > 0 } again ? again.Files : []);
    }

    [Fact]
    public async Task A_file_that_is_not_utf8_is_rejected_whole()
    {
        var bytes = Encoding.UTF8.GetBytes(Fixtures.TeleVoipsCsv).Concat(new byte[] { 0xC3, 0x28, 0x0A }).ToArray();
        await _fixture.LandBytesAsync("televoips", "cdrs", "2026-11-20", "cdrs_2026-11-20.csv", bytes);

        var report = await _fixture.LoadAsync();

        Assert.Contains("is not valid UTF-8", Assert.Single(report.Files).Message, StringComparison.Ordinal);
        Assert.Equal("0", _fixture.One("SELECT count(*) FROM raw_televoips_cdrs"));
    }

    // Regression: the JSON check validated each 64 KB read on its own, so a valid 3-byte character split
    // across two reads made a good page "not valid UTF-8". The prefixes move the split through all offsets.
    [Theory]
    [InlineData("")]
    [InlineData("x")]
    [InlineData("xx")]
    public async Task A_json_page_with_a_character_split_across_reads_loads(string prefix)
    {
        var name = prefix + string.Concat(Enumerable.Repeat("€", 50_000));
        var page = Fixtures.TelnyxVoicePage.Replace("\"call_id\":\"x1\"", $"\"call_id\":\"x1\",\"x_note\":\"{name}\"", StringComparison.Ordinal);
        Assert.True(Encoding.UTF8.GetByteCount(page) > 2 * 65536);
        await _fixture.LandAsync("telnyx", "call-control", "2026-11-20", ("page-0001.json", page));

        var report = await _fixture.LoadAsync();

        Assert.Equal(FileOutcome.Loaded, Assert.Single(report.Files).Outcome);
    }

    [Fact]
    public async Task A_file_whose_bytes_changed_after_landing_is_not_loaded_and_not_recorded()
    {
        await _fixture.LandAsync("callr", "cdr_out", "2026-11-20", ("result.json", Fixtures.CallrCdrOut));
        var path = Path.Combine(_fixture.LandingPath, "callr", "cdr_out", "2026-11-20", "result.json");
        File.WriteAllText(path, Fixtures.CallrCdrOut.Replace("9.6000", "0.0001", StringComparison.Ordinal));

        var report = await _fixture.LoadAsync();

        Assert.Equal(FileOutcome.Failed, Assert.Single(report.Files).Outcome);
        Assert.Contains("does not match its manifest", report.Files[0].Message, StringComparison.Ordinal);
        Assert.Equal("0", _fixture.One("SELECT count(*) FROM loads"));
    }

    public void Dispose() => _fixture.Dispose();
}

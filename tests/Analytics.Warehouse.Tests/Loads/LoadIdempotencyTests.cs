namespace Analytics.Warehouse.Tests.Loads;

public sealed class LoadIdempotencyTests : IDisposable
{
    private readonly LoadFixture _fixture = new();

    [Fact]
    public async Task Loading_twice_leaves_every_table_exactly_as_after_the_first_load()
    {
        await LandEverythingAsync(_fixture);
        var first = await _fixture.LoadAsync();
        var after = _fixture.Snapshot();

        var second = await _fixture.LoadAsync();

        Assert.Equal(7, first.Files.Count);
        Assert.Empty(second.Files);
        Assert.Equal(after, _fixture.Snapshot());
    }

    [Fact]
    public async Task A_record_in_two_overlapping_files_is_one_row_with_the_later_values()
    {
        await _fixture.LandAsync("callr", "cdr_out", "2026-11-20", ("result.json", Fixtures.CallrCdrOut));
        await _fixture.LoadAsync();
        // The provider re-sends call 1500000002 in the next window with a corrected price and duration.
        var resent = Fixtures.CallrCdrOut
            .Replace("\"9.6000\"", "\"10.4000\"", StringComparison.Ordinal)
            .Replace("\"duration_billed\":120", "\"duration_billed\":130", StringComparison.Ordinal);
        await _fixture.LandAsync("callr", "cdr_out", "2026-11-21", ("result.json", resent));

        await _fixture.LoadAsync();

        Assert.Equal(["1500000001|0.000000|0", "1500000002|0.104000|130"],
            _fixture.Rows("SELECT call_id, debit, billed_s FROM calls ORDER BY call_id"));
        Assert.Equal("4", _fixture.One("SELECT count(*) FROM raw_callr_cdr_out"));
    }

    [Fact]
    public async Task A_re_sent_record_that_is_rejected_leaves_the_row_already_loaded_as_it_was()
    {
        await _fixture.LandAsync("callr", "cdr_out", "2026-11-20", ("result.json", Fixtures.CallrCdrOut));
        await _fixture.LoadAsync();
        var before = _fixture.Rows("SELECT call_id, started_at, debit, billed_s, load_id FROM calls ORDER BY call_id");
        // Call 1500000002 comes again with a start time that cannot be read; 1500000001 comes again unchanged.
        var resent = Fixtures.CallrCdrOut.Replace("\"start\":\"2026-11-20 11:00:00\"", "\"start\":\"soon\"", StringComparison.Ordinal);
        Assert.NotEqual(Fixtures.CallrCdrOut, resent);
        await _fixture.LandAsync("callr", "cdr_out", "2026-11-21", ("result.json", resent));

        var report = await _fixture.LoadAsync();

        Assert.Equal(1, Assert.Single(report.Files).RowsRejected);
        var after = _fixture.Rows("SELECT call_id, started_at, debit, billed_s, load_id FROM calls ORDER BY call_id");
        Assert.Equal(before[1], after[1]);
        Assert.NotEqual(before[0], after[0]); // the good re-sent copy replaced the first: its load_id is the new file's
        Assert.Equal(before[0][..before[0].LastIndexOf('|')], after[0][..after[0].LastIndexOf('|')]);
    }

    [Fact]
    public async Task The_same_bytes_landed_on_two_days_load_once()
    {
        await _fixture.LandAsync("callr", "cdr_out", "2026-11-20", ("result.json", Fixtures.CallrCdrOut));
        await _fixture.LandAsync("callr", "cdr_out", "2026-11-21", ("result.json", Fixtures.CallrCdrOut));

        var report = await _fixture.LoadAsync();

        Assert.Single(report.Files);
        Assert.Equal("1", _fixture.One("SELECT count(*) FROM loads"));
    }

    internal static async Task LandEverythingAsync(LoadFixture fixture)
    {
        await fixture.LandAsync("televoips", "cdrs", "2026-11-20", ("cdrs_2026-11-20.csv", Fixtures.TeleVoipsCsv));
        await fixture.LandAsync("telnyx", "sip-trunking", "2026-11-20", ("page-0001.json", Fixtures.TelnyxVoicePage));
        await fixture.LandAsync("telnyx", "messaging", "2026-11-20", ("page-0001.json", Fixtures.TelnyxMessagingPage));
        await fixture.LandAsync("callr", "cdr_out", "2026-11-20", ("result.json", Fixtures.CallrCdrOut));
        await fixture.LandAsync("callr", "sms_in", "2026-11-20", ("result.json", Fixtures.CallrSmsIn));
        await fixture.LandAsync("telgorithm", "outbound_messages", "2026-11-20", ("page-0001.json", Fixtures.TelgorithmOutbound));
        await fixture.LandAsync("telgorithm", "calls", "2026-11-20", ("page-0001.json", Fixtures.TelgorithmCalls));
    }

    public void Dispose() => _fixture.Dispose();
}

using Analytics.Landing;

namespace Analytics.Warehouse.Tests.Loads;

/// <summary>The real <c>analytics load</c> executable, configured as an operator configures it, over landed files.</summary>
public sealed class LoadCommandTests : IDisposable
{
    // One outbound SMS of 2 parts billed 13.5 cents, and its day's summary as CALLR's analytics/sms.summary answers it.
    private const string SmsOut = """
        {"jsonrpc":"2.0","id":1,"result":[{"type":"OUT","hash":"US0001","from":"+33187654321","to":"+33612345678","text":"Hello","parts":2,"status":"DELIVERED",
          "b_customer_debit":"13.5000","date_creation":"2026-11-20 09:00:00","date_sent":"2026-11-20 09:00:01","date_received":"0000-00-00 00:00:00",
          "date_update":"2026-11-20 09:00:05","options":null}]}
        """;

    private const string SmsSummary = """
        {"jsonrpc":"2.0","id":1,"result":{"IN":{"count":1,"credit":"0.0000","debit":"0.0000","parts":1},"OUT":{"count":1,"credit":"0.0000","debit":"13.5000","parts":2}}}
        """;

    private readonly LoadFixture _fixture = new();

    [Fact]
    public async Task A_Callr_USD_account_configured_by_environment_gets_USD_SMS_and_EUR_CDRs_and_reconciles_in_USD()
    {
        await LandCallrDayAsync();

        var (code, stdout, stderr) = await LoadAsync(new Dictionary<string, string> { ["ANALYTICS__Sources__Callr__Currency"] = "USD" });

        Assert.True(code == 0, stderr + stdout);
        Assert.Equal(["AB12CD34|0.000000|USD", "US0001|0.135000|USD"], _fixture.Rows("SELECT message_id, debit, currency FROM sms ORDER BY message_id"));
        Assert.Equal(["EUR"], _fixture.Rows("SELECT DISTINCT currency FROM calls WHERE debit IS NOT NULL"));
        // CALLR's SMS summary is in the account's currency too, so the day reconciles figure for figure.
        Assert.Equal(
        [
            "sms|IN|USD|cost|ok", "sms|IN|USD|count|ok", "sms|IN|USD|parts|ok",
            "sms|OUT|USD|cost|ok", "sms|OUT|USD|count|ok", "sms|OUT|USD|parts|ok",
        ], _fixture.Rows("SELECT kind, direction, currency, metric, status FROM reconciliation WHERE kind = 'sms' ORDER BY ALL"));
    }

    [Fact]
    public async Task Without_the_setting_a_Callr_account_is_EUR()
    {
        await LandCallrDayAsync();

        var (code, _, stderr) = await LoadAsync();

        Assert.True(code == 0, stderr);
        Assert.Equal(["EUR"], _fixture.Rows("SELECT DISTINCT currency FROM sms"));
    }

    [Fact]
    public async Task A_load_after_an_earlier_one_says_nothing_was_new_and_how_many_files_it_had_loaded_before()
    {
        await LandCallrDayAsync();
        var first = await LoadAsync();
        Assert.Equal(
            "callr/cdr_out: 1 files, 2 rows loaded\n" +
            "callr/sms_in: 1 files, 1 rows loaded\n" +
            "callr/sms_out: 1 files, 1 rows loaded\n",
            first.Stdout.ReplaceLineEndings("\n"));

        var again = await LoadAsync();
        Assert.Equal(0, again.Code);
        Assert.Equal(
            "callr/cdr_out: 0 new rows (already loaded: 1 files)\n" +
            "callr/sms_in: 0 new rows (already loaded: 1 files)\n" +
            "callr/sms_out: 0 new rows (already loaded: 1 files)\n" +
            "nothing new waiting in landing\n",
            again.Stdout.ReplaceLineEndings("\n"));

        // A new day beside the loaded one: its file is new, the other feeds' files were loaded before.
        await _fixture.LandAsync("callr", "sms_out", "2026-11-21", ("result.json", SmsOut.Replace("US0001", "US0002", StringComparison.Ordinal)));
        var next = await LoadAsync();
        Assert.Equal(
            "callr/cdr_out: 0 new rows (already loaded: 1 files)\n" +
            "callr/sms_in: 0 new rows (already loaded: 1 files)\n" +
            "callr/sms_out: 1 files, 1 rows loaded (already loaded: 1 files)\n",
            next.Stdout.ReplaceLineEndings("\n"));
    }

    private async Task LandCallrDayAsync()
    {
        await _fixture.LandAsync("callr", "sms_out", "2026-11-20", ("result.json", SmsOut));
        await _fixture.LandAsync("callr", "sms_in", "2026-11-20", ("result.json", Fixtures.CallrSmsIn));
        await _fixture.LandAsync("callr", "cdr_out", "2026-11-20", ("result.json", Fixtures.CallrCdrOut));
        await _fixture.LandAsync("callr", ProviderTotals.CallrSms, "2026-11-20", (ProviderTotals.FileName, SmsSummary));
    }

    private async Task<(int Code, string Stdout, string Stderr)> LoadAsync(IReadOnlyDictionary<string, string>? environment = null)
    {
        using var process = new AnalyticsProcess(_fixture, "load", environment: environment);
        var code = await process.ExitCodeAsync();
        return (code, process.Stdout, process.Stderr);
    }

    public void Dispose() => _fixture.Dispose();
}

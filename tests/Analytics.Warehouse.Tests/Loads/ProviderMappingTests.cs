using Analytics.Warehouse.Mapping;

namespace Analytics.Warehouse.Tests.Loads;

public sealed class ProviderMappingTests : IDisposable
{
    private const string CallColumns =
        "call_id, direction, strftime(started_at, '%Y-%m-%d %H:%M:%S'), strftime(answered_at, '%H:%M:%S'), duration_s, answered_s, billed_s, " +
        "caller, callee, did, country_code, status, debit, currency";

    private readonly LoadFixture _fixture = new();

    [Fact]
    public async Task TeleVoips_rows_become_calls_with_local_time_e164_numbers_countries_and_rate_deck_prices()
    {
        await _fixture.LandAsync("televoips", "cdrs", "2026-11-20", ("cdrs_2026-11-20.csv", Fixtures.TeleVoipsCsv));
        File.WriteAllText(_fixture.Combine("deck.csv"), Fixtures.RateDeck);

        var report = await _fixture.LoadAsync(new MappingSettings("Europe/Paris", "USD", _fixture.Combine("deck.csv"), TeleVoipsHomeCountry: "FR"));

        LoadFixture.AssertClean(report);
        Assert.Equal(
        [
            // Inbound: caller from src, DID ours, Paris 10:00 = 09:00 UTC, answered after 15 s of ringing, costs 0.
            "1763629200.1|IN|2026-11-20 09:00:00|09:00:15|65|50|50|+33612345678|+33187654321|+33187654321|FR|ANSWERED|0.000000|EUR",
            // National 06… expanded with the country of our caller id (+33).
            "1763629500.2|OUT|2026-11-20 09:05:00|NULL|30|0|0|+33187654321|+33612345678|NULL|FR|NO_ANSWER|0.000000|EUR",
            // 00-international; the duplicated row is one call; 61 s at 1 s increments × 0.0140/min = 0.01423 → 0.0142.
            "1763629560.3|OUT|2026-11-20 09:06:00|09:06:29|90|61|61|+33187654321|+4930123456|NULL|DE|ANSWERED|0.014200|EUR",
            // NANP: area code 416 is Canada; 5 s billed as 6 s.
            "1763629620.4|OUT|2026-11-20 09:07:00|09:07:05|10|5|6|+33187654321|+14165550123|NULL|CA|ANSWERED|0.000900|EUR",
            "1763629680.5|OUT|2026-11-20 09:08:00|09:08:06|20|14|18|+33187654321|+12125550123|NULL|US|BUSY|0.002700|EUR",
        ], _fixture.Rows($"SELECT {CallColumns} FROM calls ORDER BY call_id"));
        // The extension-to-extension call stays in raw only; the duplicate row is kept in raw as sent.
        Assert.Equal("7", _fixture.One("SELECT count(*) FROM raw_televoips_cdrs"));
        Assert.Equal("\"Doe, Jane \"JD\"\" <+33612345678>", _fixture.One("SELECT clid FROM raw_televoips_cdrs WHERE ordinal = 1"));
    }

    [Fact]
    public async Task TeleVoips_columns_are_mapped_by_header_name_when_did_comes_after_dst_cnam()
    {
        var moved = Fixtures.TeleVoipsHeaderDidLast + "\n" +
            "\"2026-11-20 10:00:00\",\"\"\"Jane\"\" <+33612345678>\",\"+33612345678\",\"201\",\"from-did-direct\",\"c\",\"d\",\"Dial\",\"x\",65,50,\"ANSWERED\",3,\"\",\"u-1\",\"\",\"\",\"+33612345678\",\"Jane\",\"\",\"\",\"\",\"+33187654321\",\"u-1\",\"\",1\n";
        await _fixture.LandAsync("televoips", "cdrs", "2026-11-20", ("cdrs_2026-11-20.csv", moved));

        LoadFixture.AssertClean(await _fixture.LoadAsync());

        Assert.Equal("u-1|IN|2026-11-20 10:00:00|10:00:15|65|50|50|+33612345678|+33187654321|+33187654321|FR|ANSWERED|NULL|NULL",
            _fixture.One($"SELECT {CallColumns} FROM calls"));
    }

    [Fact]
    public async Task Telnyx_voice_records_become_calls_and_message_records_sms_in_their_own_currency()
    {
        await _fixture.LandAsync("telnyx", "sip-trunking", "2026-11-20", ("page-0001.json", Fixtures.TelnyxVoicePage));
        await _fixture.LandAsync("telnyx", "messaging", "2026-11-20", ("page-0001.json", Fixtures.TelnyxMessagingPage));

        LoadFixture.AssertClean(await _fixture.LoadAsync());

        Assert.Equal(
        [
            "c0a80001-0000-4000-8000-000000000001|IN|2026-11-20 10:00:00|10:00:07|67|60|60|+14165550100|+13125550199|+13125550199|CA|ANSWERED|0.004000|USD",
            // 07700 900xxx is Ofcom's drama range, no real number (libphonenumber), and Telnyx sends only the calling code (44): no country.
            "c0a80001-0000-4000-8000-000000000002|OUT|2026-11-20 11:00:00|NULL|25|0|0|+33187654321|+447700900123|NULL|NULL|BUSY|0.000000|EUR",
        ], _fixture.Rows($"SELECT {CallColumns} FROM calls ORDER BY call_id"));
        Assert.Equal("m-0001|OUT|2026-11-20 09:00:00|+13125550199|+15145550111|CA|2|DELIVERED|0.008000|USD",
            _fixture.One("SELECT message_id, direction, strftime(sent_at, '%Y-%m-%d %H:%M:%S'), sender, recipient, country_code, parts, status, debit, currency FROM sms"));
    }

    [Fact]
    public async Task A_Telnyx_page_mixing_calls_and_messages_maps_both_and_a_record_without_any_type_is_a_call()
    {
        const string page = """
            {"data":[
              {"record_type":"message_detail_record","uuid":"m-0002","created_at":"2026-11-20T09:00:00.000Z","cli":"+13125550199",
               "cld":"+15145550111","direction":"outbound","message_type":"SMS","parts":1,"status":"delivered","cost":"0.0040","currency":"USD"},
              {"id":"c-untyped","direction":"inbound","cli":"+14165550100","cld":"+13125550199","started_at":"2026-11-20T10:00:00.000Z",
               "answered_at":"2026-11-20T10:00:05.000Z","ended_at":"2026-11-20T10:01:05.000Z","call_sec":60,"billed_sec":60,"cost":"0.0040","currency":"USD"},
              {"record_type":"call_control_detail_record","id":"c-typed","direction":"outbound","cli":"+13125550199","cld":"+14165550100",
               "started_at":"2026-11-20T11:00:00.000Z","finished_at":"2026-11-20T11:00:10.000Z","call_sec":0,"hangup_cause":"user_busy","cost":"0","currency":"USD"}
            ],"meta":{"page_number":1,"page_size":50,"total_pages":1,"total_results":3}}
            """;
        await _fixture.LandAsync("telnyx", "detail-records", "2026-11-20", ("page-0001.json", page));

        var report = await _fixture.LoadAsync();

        LoadFixture.AssertClean(report);
        Assert.Equal(3, report.Files.Single().RowsLoaded);
        Assert.Equal(["c-typed|OUT|BUSY", "c-untyped|IN|ANSWERED"], _fixture.Rows("SELECT call_id, direction, status FROM calls ORDER BY call_id"));
        Assert.Equal("m-0002|OUT|1", _fixture.One("SELECT message_id, direction, parts FROM sms"));
    }

    [Fact]
    public async Task A_Telnyx_message_with_a_carrier_fee_has_it_in_debit_and_in_fees()
    {
        const string page = """
            {"data":[
              {"record_type":"message_detail_record","uuid":"m-fee","created_at":"2026-11-20T09:00:00.000Z","cli":"+13125550199",
               "cld":"+15145550111","direction":"outbound","message_type":"SMS","parts":2,"status":"delivered","rate":"0.0040","cost":"0.0080",
               "carrier_fee":"0.00305","currency":"USD"},
              {"record_type":"message_detail_record","uuid":"m-nofee","created_at":"2026-11-20T09:01:00.000Z","cli":"+13125550199",
               "cld":"+15145550111","direction":"outbound","message_type":"SMS","parts":1,"status":"delivered","cost":"0.0040","currency":"USD"},
              {"record_type":"message_detail_record","uuid":"m-badfee","created_at":"2026-11-20T09:02:00.000Z","cli":"+13125550199",
               "cld":"+15145550111","direction":"outbound","message_type":"SMS","parts":1,"status":"delivered","cost":"0.0040",
               "carrier_fee":"three cents","currency":"USD"}
            ],"meta":{"page_number":1,"page_size":50,"total_pages":1,"total_results":3}}
            """;
        await _fixture.LandAsync("telnyx", "detail-records", "2026-11-20", ("page-0001.json", page));

        var report = await _fixture.LoadAsync();

        Assert.Equal(2, report.Files.Single().RowsLoaded);
        Assert.Equal(["m-fee|0.011050|0.003050|USD", "m-nofee|0.004000|NULL|USD"],
            _fixture.Rows("SELECT message_id, debit, fees, currency FROM sms ORDER BY message_id"));
        Assert.Equal("0.00305", _fixture.One("SELECT carrier_fee FROM raw_telnyx_detail_records WHERE uuid = 'm-fee'"));
        Assert.Equal("record 3: carrier_fee 'three cents' is not a decimal amount", _fixture.One("SELECT reason FROM rejects"));
    }

    [Fact]
    public async Task Callr_amounts_in_cents_become_euros_and_zero_dates_mean_unanswered()
    {
        await _fixture.LandAsync("callr", "cdr_out", "2026-11-20", ("result.json", Fixtures.CallrCdrOut));
        await _fixture.LandAsync("callr", "sms_in", "2026-11-20", ("result.json", Fixtures.CallrSmsIn));

        LoadFixture.AssertClean(await _fixture.LoadAsync());

        Assert.Equal(
        [
            "1500000001|OUT|2026-11-20 10:00:00|NULL|30|0|0|+33187654321|+33612345678|NULL|FR|NO_ANSWER|0.000000|EUR",
            "1500000002|OUT|2026-11-20 11:00:00|11:00:05|125|120|120|+33187654321|+447700900123|NULL|GB|ANSWERED|0.096000|EUR",
        ], _fixture.Rows($"SELECT {CallColumns} FROM calls ORDER BY call_id"));
        Assert.Equal("Sales|APP2|GB mobile", _fixture.One("SELECT app_name, app_id, destination FROM calls WHERE call_id = '1500000002'"));
        Assert.Equal("AB12CD34|IN|2026-11-20 08:00:00|+33612345678|FR|1|RECEIVED|0.000000|EUR",
            _fixture.One("SELECT message_id, direction, strftime(sent_at, '%Y-%m-%d %H:%M:%S'), sender, country_code, parts, status, debit, currency FROM sms"));
    }

    [Fact]
    public async Task A_Callr_call_without_a_country_code_gets_the_country_of_its_number_and_one_with_a_code_keeps_it()
    {
        static string Record(int id, string number, string? country) =>
            $$"""{"callid":{{id}},"cli_number":"+33187654321","start":"2026-11-20 10:00:00","answer":"0000-00-00 00:00:00","hangup":"2026-11-20 10:00:30","duration":30,"number":"{{number}}"{{(country is null ? "" : $",\"number_country_code\":\"{country}\"")}},"dialstatus":"NOANSWER"}""";
        var page = $$"""{"jsonrpc":"2.0","id":1,"result":[{{Record(1, "+14165550123", "")}},{{Record(2, "+447400123456", null)}},{{Record(3, "+33612345678", "fr")}},{{Record(4, "+33612345678", "GP")}}]}""";
        await _fixture.LandAsync("callr", "cdr_out", "2026-11-20", ("result.json", page));

        LoadFixture.AssertClean(await _fixture.LoadAsync());

        Assert.Equal(["1|+14165550123|CA", "2|+447400123456|GB", "3|+33612345678|FR", "4|+33612345678|GP"],
            _fixture.Rows("SELECT call_id, callee, country_code FROM calls ORDER BY call_id"));
    }

    [Fact]
    public async Task A_Callr_USD_accounts_sms_are_USD_and_its_cdrs_stay_EUR()
    {
        const string smsOut = """
            {"jsonrpc":"2.0","id":1,"result":[{"type":"OUT","hash":"US0001","from":"+33187654321","to":"+33612345678","text":"Hello","parts":2,"status":"DELIVERED",
              "b_customer_debit":"13.5000","date_creation":"2026-11-20 09:00:00","date_sent":"2026-11-20 09:00:01","date_received":"0000-00-00 00:00:00",
              "date_update":"2026-11-20 09:00:05","options":null}]}
            """;
        await _fixture.LandAsync("callr", "sms_out", "2026-11-20", ("result.json", smsOut));
        await _fixture.LandAsync("callr", "cdr_out", "2026-11-20", ("result.json", Fixtures.CallrCdrOut));

        LoadFixture.AssertClean(await _fixture.LoadAsync(new MappingSettings(CallrCurrency: "USD")));

        Assert.Equal("US0001|0.135000|USD", _fixture.One("SELECT message_id, debit, currency FROM sms"));
        Assert.Equal("0.096000|EUR", _fixture.One("SELECT debit, currency FROM calls WHERE call_id = '1500000002'"));
    }

    [Fact]
    public async Task Telgorithm_fees_are_summed_in_the_configured_currency()
    {
        await _fixture.LandAsync("telgorithm", "outbound_messages", "2026-11-20", ("page-0001.json", Fixtures.TelgorithmOutbound));
        await _fixture.LandAsync("telgorithm", "calls", "2026-11-20", ("page-0001.json", Fixtures.TelgorithmCalls));

        LoadFixture.AssertClean(await _fixture.LoadAsync(new MappingSettings(TelgorithmCurrency: "CAD")));

        Assert.Equal("tg-out-1|OUT|+14165550100|CA|2|DELIVERED|0.010500|CAD",
            _fixture.One("SELECT message_id, direction, recipient, country_code, parts, status, debit, currency FROM sms"));
        Assert.Equal("call-1|IN|2026-11-20 13:00:00|13:00:04|77|73|73|+12125550123|+13125550199|+13125550199|US|ANSWERED|0.017000|CAD",
            _fixture.One($"SELECT {CallColumns} FROM calls"));
    }

    public void Dispose() => _fixture.Dispose();
}

using Analytics.Warehouse.Mapping;

namespace Analytics.Warehouse.Tests.Loads;

/// <summary>
/// Telgorithm "Static Call Forwarding": an inbound leg and an outbound leg share callSid and are one call. The
/// outbound leg of a call started just before midnight is created after it, so it is listed in the next day's file.
/// </summary>
public sealed class ForwardedCallTests : IDisposable
{
    // The caller (+1 212…) rings our number (+1 312…) at 23:59:58; Telgorithm forwards it to a Canadian number
    // (+1 416…) whose leg is created at 00:00:00.400 the next day. Both legs are answered and billed.
    private const string InboundLeg = """
        {"legSid":"leg-in","callSid":"call-fwd","from":"+12125550123","to":"+13125550199","status":"Completed","callDirection":"Inbound",
         "legDirection":"Inbound","duration":"95","createdOn":"2026-11-20T23:59:58.000Z","startedOn":"2026-11-20T23:59:58.000Z",
         "rangOn":"2026-11-20T23:59:58.500Z","answeredOn":"2026-11-21T00:00:04.000Z","completedOn":"2026-11-21T00:01:39.000Z",
         "fees":[{"count":2,"feePerUnit":0.007,"total":0.014}]}
        """;

    private const string OutboundLeg = """
        {"legSid":"leg-out","callSid":"call-fwd","from":"+13125550199","to":"+14165550100","status":"Completed","callDirection":"Inbound",
         "legDirection":"Outbound","duration":"95","createdOn":"2026-11-21T00:00:00.400Z","startedOn":"2026-11-21T00:00:00.400Z",
         "rangOn":"2026-11-21T00:00:00.900Z","answeredOn":"2026-11-21T00:00:04.000Z","completedOn":"2026-11-21T00:01:39.000Z",
         "fees":[{"count":2,"feePerUnit":0.01,"total":0.02}]}
        """;

    private const string CallColumns =
        "call_id, direction, strftime(started_at, '%Y-%m-%d %H:%M:%S'), strftime(answered_at, '%H:%M:%S'), strftime(ended_at, '%H:%M:%S'), " +
        "duration_s, answered_s, billed_s, caller, callee, did, country_code, status, debit, currency, cost_basis";

    // One call: inbound (its first leg), from the caller to our number, 101 s from the first leg's start to the last
    // end, 95 s of talk (the legs are bridged), 190 billed seconds and both legs' fees.
    private const string OneCall =
        "call-fwd|IN|2026-11-20 23:59:58|00:00:04|00:01:39|101|95|190|+12125550123|+13125550199|+13125550199|US|ANSWERED|0.034000|USD|provider";

    private readonly LoadFixture _fixture = new();

    [Fact]
    public async Task A_forwarded_call_is_one_call_with_its_legs_fees_summed_and_the_direction_of_its_first_leg()
    {
        await _fixture.LandAsync("telgorithm", "calls", "2026-11-20", ("page-0001.json", Page(InboundLeg, OutboundLeg)));

        var report = await _fixture.LoadAsync();

        LoadFixture.AssertClean(report);
        Assert.Equal((2, 2, 0), (report.Files.Single().RowsRead, report.Files.Single().RowsLoaded, report.Files.Single().RowsRejected));
        Assert.Equal([OneCall], _fixture.Rows($"SELECT {CallColumns} FROM calls"));
        Assert.Equal(
        [
            "call-fwd|leg-in|IN|Inbound|+12125550123|+13125550199|US|ANSWERED|0.014000|provider",
            "call-fwd|leg-out|OUT|Inbound|+13125550199|+14165550100|CA|ANSWERED|0.020000|provider",
        ], _fixture.Rows("SELECT call_id, leg_id, direction, call_direction, caller, callee, country_code, status, debit, cost_basis FROM call_legs ORDER BY leg_id"));
    }

    [Fact]
    public async Task Legs_in_two_days_files_are_one_call_whichever_day_loads_first_and_loading_again_changes_nothing()
    {
        // The next day's file first: until the inbound leg is known, its one leg is the call.
        await _fixture.LandAsync("telgorithm", "calls", "2026-11-21", ("page-0001.json", Page(OutboundLeg)));
        LoadFixture.AssertClean(await _fixture.LoadAsync());
        Assert.Equal("call-fwd|OUT|2026-11-21 00:00:00|0.020000", _fixture.One("SELECT call_id, direction, strftime(started_at, '%Y-%m-%d %H:%M:%S'), debit FROM calls"));

        await _fixture.LandAsync("telgorithm", "calls", "2026-11-20", ("page-0001.json", Page(InboundLeg)));
        LoadFixture.AssertClean(await _fixture.LoadAsync());
        Assert.Equal([OneCall], _fixture.Rows($"SELECT {CallColumns} FROM calls"));
        var loaded = _fixture.Snapshot();

        // The same files again load nothing; so does a second load.
        await _fixture.LandAsync("telgorithm", "calls", "2026-11-20", ("page-0001.json", Page(InboundLeg)));
        await _fixture.LandAsync("telgorithm", "calls", "2026-11-21", ("page-0001.json", Page(OutboundLeg)));
        await _fixture.LoadAsync();
        await _fixture.LoadAsync();
        Assert.Equal(loaded, _fixture.Snapshot());
        Assert.Equal("2", _fixture.One("SELECT count(*) FROM call_legs"));
    }

    [Fact]
    public async Task A_leg_sent_again_with_other_fees_replaces_its_part_of_the_call()
    {
        await _fixture.LandAsync("telgorithm", "calls", "2026-11-20", ("page-0001.json", Page(InboundLeg)));
        await _fixture.LandAsync("telgorithm", "calls", "2026-11-21", ("page-0001.json", Page(OutboundLeg)));
        LoadFixture.AssertClean(await _fixture.LoadAsync());

        // A later pull of the next day lists the outbound leg again, billed differently.
        await _fixture.LandAsync("telgorithm", "calls", "2026-11-21", ("page-0001.json", Page(OutboundLeg.Replace("\"total\":0.02", "\"total\":0.03", StringComparison.Ordinal))));
        LoadFixture.AssertClean(await _fixture.LoadAsync());

        Assert.Equal("1|0.044000|2", _fixture.One("SELECT count(*), any_value(debit), (SELECT count(*) FROM call_legs) FROM calls"));
    }

    [Fact]
    public async Task A_leg_without_call_sid_is_a_call_of_its_own()
    {
        await _fixture.LandAsync("telgorithm", "calls", "2026-11-20", ("page-0001.json", Page(InboundLeg.Replace("\"callSid\":\"call-fwd\"", "\"callSid\":\"\"", StringComparison.Ordinal))));

        LoadFixture.AssertClean(await _fixture.LoadAsync());

        Assert.Equal("leg-in|IN|0.014000", _fixture.One("SELECT call_id, direction, debit FROM calls"));
    }

    [Fact]
    public async Task Every_priced_call_and_message_says_where_its_amount_comes_from()
    {
        await LoadIdempotencyTests.LandEverythingAsync(_fixture);
        await _fixture.LandAsync("callr", "sms_in", "2026-11-21", ("result.json", Fixtures.CallrSmsIn.Replace("AB12CD34", "AB12CD35", StringComparison.Ordinal)));
        File.WriteAllText(_fixture.Combine("deck.csv"), Fixtures.RateDeck);

        // The fixture is a French PBX: its national numbers start with 0.
        LoadFixture.AssertClean(await _fixture.LoadAsync(new MappingSettings("Europe/Paris", "USD", _fixture.Combine("deck.csv"), TeleVoipsHomeCountry: "FR")));

        // TeleVoIPs sends no cost: priced from the deck, it is an estimate; everyone else bills.
        Assert.Equal(
        [
            "calls|callr|provider|2|2",
            "calls|televoips|rated|5|5",
            "calls|telgorithm|provider|1|1",
            "calls|telnyx|provider|2|2",
            "sms|callr|provider|2|2",
            "sms|telgorithm|provider|1|1",
            "sms|telnyx|provider|1|1",
        ], _fixture.Rows("""
            SELECT 'calls', source, cost_basis, count(*), count(debit) FROM calls GROUP BY ALL
            UNION ALL SELECT 'sms', source, cost_basis, count(*), count(debit) FROM sms GROUP BY ALL ORDER BY ALL
            """));
    }

    [Fact]
    public async Task Unpriced_calls_have_no_cost_basis()
    {
        await _fixture.LandAsync("televoips", "cdrs", "2026-11-20", ("cdrs_2026-11-20.csv", Fixtures.TeleVoipsCsv));
        await _fixture.LandAsync("telgorithm", "calls", "2026-11-20", ("page-0001.json", Page(InboundLeg.Replace(",\n \"fees\":[{\"count\":2,\"feePerUnit\":0.007,\"total\":0.014}]", "", StringComparison.Ordinal))));

        LoadFixture.AssertClean(await _fixture.LoadAsync());

        Assert.Equal(["televoips|NULL|NULL|5", "telgorithm|NULL|NULL|1"],
            _fixture.Rows("SELECT source, cost_basis, sum(debit), count(*) FROM calls GROUP BY ALL ORDER BY ALL"));
    }

    [Fact]
    public async Task Every_call_a_load_writes_or_rewrites_takes_a_write_seq_above_every_earlier_one()
    {
        await _fixture.LandAsync("televoips", "cdrs", "2026-11-20", ("cdrs_2026-11-20.csv", Fixtures.TeleVoipsCsv));
        await _fixture.LandAsync("telgorithm", "calls", "2026-11-20", ("page-0001.json", Page(InboundLeg)));
        LoadFixture.AssertClean(await _fixture.LoadAsync());
        var first = long.Parse(_fixture.One("SELECT max(write_seq) FROM calls"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("0", _fixture.One("SELECT count(*) - count(write_seq) FROM calls"));

        // The outbound leg rewrites the forwarded call (made again from both legs): it takes a new, higher write_seq; the
        // TeleVoIPs calls keep theirs.
        await _fixture.LandAsync("telgorithm", "calls", "2026-11-21", ("page-0001.json", Page(OutboundLeg)));
        LoadFixture.AssertClean(await _fixture.LoadAsync());
        Assert.Equal("0", _fixture.One("SELECT count(*) - count(write_seq) FROM calls"));
        Assert.True(long.Parse(_fixture.One("SELECT write_seq FROM calls WHERE call_id = 'call-fwd'"), System.Globalization.CultureInfo.InvariantCulture) > first);
        Assert.True(long.Parse(_fixture.One("SELECT max(write_seq) FROM calls WHERE source = 'televoips'"), System.Globalization.CultureInfo.InvariantCulture) <= first);
    }

    [Fact]
    public async Task A_version_5_warehouse_with_a_row_per_leg_gets_one_call_per_call_sid_when_it_is_opened()
    {
        await _fixture.LandAsync("telgorithm", "calls", "2026-11-20", ("page-0001.json", Page(InboundLeg)));
        await _fixture.LandAsync("telgorithm", "calls", "2026-11-21", ("page-0001.json", Page(OutboundLeg)));
        LoadFixture.AssertClean(await _fixture.LoadAsync());
        var loaded = _fixture.Snapshot();
        // What version 5 held: each leg a call of its own (call_id = legSid, its own direction), no call_legs.
        _fixture.Rows("""
            DELETE FROM calls;
            INSERT INTO calls (source, call_id, direction, started_at, answered_at, ended_at, duration_s, answered_s, billed_s, caller, callee, did,
                               country_code, status, debit, currency, load_id)
            SELECT source, leg_id, direction, started_at, answered_at, ended_at, duration_s, answered_s, billed_s, caller, callee,
                   CASE WHEN direction = 'IN' THEN callee END, country_code, status, debit, currency, load_id FROM call_legs;
            DELETE FROM call_legs;
            DELETE FROM schema_version;
            INSERT INTO schema_version (version) VALUES (5);
            SELECT count(*) FROM calls;
            """);

        // Opening the file applies version 6 (the fixture's next query opens it).
        Assert.Equal([OneCall], _fixture.Rows($"SELECT {CallColumns} FROM calls"));
        Assert.Equal(loaded.Where(r => !r.StartsWith("call_legs:", StringComparison.Ordinal)),
            _fixture.Snapshot().Where(r => !r.StartsWith("call_legs:", StringComparison.Ordinal)));
        Assert.Equal("call-fwd|leg-in,leg-out", _fixture.One("SELECT call_id, string_agg(leg_id, ',' ORDER BY leg_id) FROM call_legs GROUP BY ALL"));
    }

    private static string Page(params string[] legs) => "{\"items\":[" + string.Join(",", legs) + "],\"searchId\":null}";

    public void Dispose() => _fixture.Dispose();
}

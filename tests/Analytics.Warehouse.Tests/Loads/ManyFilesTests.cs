using System.Globalization;
using System.Text;
using Analytics.Warehouse.Loads;
using Analytics.Warehouse.Mapping;

namespace Analytics.Warehouse.Tests.Loads;

/// <summary>
/// Batches of many landed files: a busy Telnyx day is thousands of 50-record pages, and a first load after weeks
/// of TeleVoIPs exports is one CSV per day, all in one batch.
/// </summary>
public sealed class ManyFilesTests : IDisposable
{
    private readonly LoadFixture _fixture = new();

    [Fact]
    public async Task A_day_of_two_thousand_Telnyx_pages_loads_in_one_batch_with_each_page_counted()
    {
        // 2,000 pages were enough to exhaust the loader's 112 MB DuckDB pool when every file had its own INSERT.
        const int pages = 2000;
        var files = Enumerable.Range(1, pages).Select(p => ($"page-{p:0000}.json", TelnyxPage(p, p == 7 ? 1 : 2))).ToArray();
        await _fixture.LandAsync("telnyx", "call-control", "2026-11-20", files);

        var report = await _fixture.LoadAsync();

        LoadFixture.AssertClean(report);
        Assert.Equal(pages, report.Files.Count);
        Assert.Equal(1, report.Files.Single(f => f.File.EndsWith("page-0007.json", StringComparison.Ordinal)).RowsLoaded);
        Assert.All(report.Files.Where(f => !f.File.EndsWith("page-0007.json", StringComparison.Ordinal)), f => Assert.Equal(2, f.RowsLoaded));
        Assert.Equal((2 * pages - 1).ToString(CultureInfo.InvariantCulture), _fixture.One("SELECT count(*) FROM calls"));
        Assert.Equal($"{pages}|{2 * pages - 1}|0", _fixture.One("SELECT count(*), sum(rows_read), sum(rows_rejected) FROM loads WHERE status = 'loaded'"));
        // Each page's rows carry its own load id, in fetch order.
        Assert.Equal("2|1|1", _fixture.One("""
            SELECT count(*), count(DISTINCT r.load_id), min(r.ordinal) FROM raw_telnyx_detail_records r JOIN loads l USING (load_id)
            WHERE l.file LIKE '%page-1234.json'
            """));
        Assert.Equal("0", _fixture.One("""
            SELECT count(*) FROM (SELECT l.file, min(r.id) AS first_id FROM raw_telnyx_detail_records r JOIN loads l USING (load_id) GROUP BY l.file)
            WHERE first_id <> 'p' || regexp_extract(file, 'page-0*(\d+)', 1) || '-1'
            """));
    }

    [Fact]
    public async Task Pages_after_a_page_rejected_whole_keep_their_own_load_ids()
    {
        // The rejected page leaves a gap between staging indexes and load ids: rows must still find their own file's id.
        var files = Enumerable.Range(1, 6).Select(p => ($"page-{p:0000}.json", p == 3 ? """{"data": 5}""" : TelnyxPage(p, 2))).ToArray();
        await _fixture.LandAsync("telnyx", "call-control", "2026-11-20", files);

        var report = await _fixture.LoadAsync();

        Assert.Equal(FileOutcome.Rejected, report.Files.Single(f => f.File.EndsWith("page-0003.json", StringComparison.Ordinal)).Outcome);
        Assert.Equal("10", _fixture.One("SELECT count(*) FROM calls"));
        Assert.Equal("5|0", _fixture.One("""
            SELECT count(*), count(*) FILTER (WHERE first_id <> 'p' || regexp_extract(file, 'page-0*(\d+)', 1) || '-1')
            FROM (SELECT l.file, min(r.id) AS first_id FROM raw_telnyx_detail_records r JOIN loads l USING (load_id) GROUP BY l.file)
            """));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_large_page_found_bad_at_its_end_keeps_none_of_the_rows_staging_had_already_handed_to_DuckDB(bool damagedCopy)
    {
        // 20,000 records are 10 MB: staging hands most of them to DuckDB before it reads the last bytes.
        var big = TelnyxPage(2, 20000);
        Assert.True(Encoding.UTF8.GetByteCount(big) > 4 * Analytics.Warehouse.Loads.Staging.StagedRowsWriter.PublishBytes);
        var bad = damagedCopy ? big : big[..^2] + ",tru}";
        await _fixture.LandAsync("telnyx", "call-control", "2026-11-20", ("page-0001.json", TelnyxPage(1, 2)), ("page-0002.json", bad), ("page-0003.json", TelnyxPage(3, 2)));
        if (damagedCopy)
            File.WriteAllText(Path.Combine(_fixture.LandingPath, "telnyx", "call-control", "2026-11-20", "page-0002.json"), big.Replace("USD", "EUR", StringComparison.Ordinal));

        var report = await _fixture.LoadAsync();

        var page2 = report.Files.Single(f => f.File.EndsWith("page-0002.json", StringComparison.Ordinal));
        Assert.Equal(damagedCopy ? FileOutcome.Failed : FileOutcome.Rejected, page2.Outcome);
        Assert.Equal([FileOutcome.Loaded, FileOutcome.Loaded], report.Files.Where(f => f != page2).Select(f => f.Outcome));
        Assert.Equal("4|4|0", _fixture.One("SELECT (SELECT count(*) FROM raw_telnyx_detail_records), (SELECT count(*) FROM calls), (SELECT count(*) FROM raw_telnyx_detail_records WHERE id LIKE 'p2-%')"));
        Assert.Equal(damagedCopy ? "loaded:2" : "loaded:2,rejected:1", _fixture.One("SELECT string_agg(status || ':' || n, ',' ORDER BY status) FROM (SELECT status, count(*) AS n FROM loads GROUP BY status)"));
        // A damaged copy is not recorded: once landed again it loads.
        if (damagedCopy)
        {
            File.WriteAllText(Path.Combine(_fixture.LandingPath, "telnyx", "call-control", "2026-11-20", "page-0002.json"), big);
            await _fixture.LoadAsync();
            Assert.Equal("20004", _fixture.One("SELECT count(*) FROM calls"));
        }
    }

    [Theory]
    [InlineData(100)]
    [InlineData(300)]
    [InlineData(600)]
    [InlineData(1000)]
    public async Task A_load_cancelled_at_any_moment_stops_and_the_next_load_ends_as_an_uninterrupted_one(int afterMilliseconds)
    {
        // 100,000 records take seconds, so the token fires in staging, in the streamed insert or in the mapping.
        var files = Enumerable.Range(1, 5).Select(p => ($"page-{p:0000}.json", TelnyxPage(p, 20000))).ToArray();
        await _fixture.LandAsync("telnyx", "call-control", "2026-11-20", files);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(afterMilliseconds));

        try
        {
            await new LandingLoader(_fixture.Landing, new MappingSettings()).LoadAllAsync(() => WarehouseDatabase.OpenReadWrite(_fixture.DatabasePath), cancel.Token);
        }
        catch (OperationCanceledException)
        {
            // Expected, unless the load finished first; either way the next load must leave the same tables.
        }

        await _fixture.LoadAsync();
        Assert.Equal("100000|100000|5|0", _fixture.One("""
            SELECT (SELECT count(*) FROM calls), (SELECT count(*) FROM raw_telnyx_detail_records),
                   (SELECT count(*) FROM loads WHERE status = 'loaded'), (SELECT count(*) FROM loads WHERE status <> 'loaded')
            """));
    }

    [Fact]
    public async Task Many_TeleVoIPs_days_with_two_column_orders_load_in_one_batch_and_each_reject_names_its_own_file_and_line()
    {
        const int days = 30;
        for (var d = 0; d < days; d++)
        {
            var day = new DateOnly(2026, 10, 1).AddDays(d);
            // Every third day comes from a PBX that writes `did` after `dst_cnam`; day 10 has a short line 3.
            var csv = d % 3 == 0 ? TeleVoipsCsvDidLast(day) : TeleVoipsCsv(day);
            if (d == 10)
                csv = csv.Insert(csv.IndexOf('\n', csv.IndexOf('\n') + 1) + 1, "\"2026-10-11 09:00:00\",\"short\"\n");
            await _fixture.LandAsync("televoips", "cdrs", day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ($"cdrs_{day:yyyy-MM-dd}.csv", csv));
        }

        var report = await _fixture.LoadAsync();

        Assert.Equal(days, report.Files.Count);
        var damaged = Assert.Single(report.Files, f => f.RowsRejected > 0);
        Assert.Equal("televoips/cdrs/2026-10-11/cdrs_2026-10-11.csv", damaged.File);
        Assert.Equal((3, 2, 1), (damaged.RowsRead, damaged.RowsLoaded, damaged.RowsRejected));
        Assert.All(report.Files.Where(f => f != damaged), f => Assert.Equal((2, 2, 0), (f.RowsRead, f.RowsLoaded, f.RowsRejected)));
        Assert.Equal("televoips/cdrs/2026-10-11/cdrs_2026-10-11.csv|3|line 3: Expected Number of Columns: 26 Found: 2|\"2026-10-11 09:00:00\",\"short\"",
            _fixture.One("SELECT file, ordinal, reason, raw FROM rejects"));
        // The did is read by its header name in both column orders: every inbound call has it.
        Assert.Equal($"{days}|{days}", _fixture.One("SELECT count(*), count(did) FROM calls WHERE direction = 'IN'"));
        Assert.Equal("0", _fixture.One("""
            SELECT count(*) FROM raw_televoips_cdrs r JOIN loads l USING (load_id)
            WHERE NOT starts_with(r.calldate, regexp_extract(l.file, '(\d{4}-\d{2}-\d{2})', 1))
            """));
    }

    // source, feed, page, the money of the record the checks read, the same with another value, its key, its time field
    private static readonly (string Source, string Feed, string Page, string Money, string OtherMoney, string Key, string Time)[] Paged =
    [
        ("telnyx", "sip-trunking", Fixtures.TelnyxVoicePage, "\"cost\":\"0.0040\"", "\"cost\":\"0.0050\"", "calls:c0a80001-0000-4000-8000-000000000001", "started_at"),
        ("telgorithm", "calls", Fixtures.TelgorithmCalls, "\"total\":0.017", "\"total\":0.019", "calls:call-1", "startedOn"),
        ("telgorithm", "outbound_messages", Fixtures.TelgorithmOutbound, "\"total\":0.008}", "\"total\":0.009}", "sms:tg-out-1", "createdOn"),
        ("callr", "sms_in", Fixtures.CallrSmsIn, "\"b_customer_debit\":\"0.0000\"", "\"b_customer_debit\":\"5.0000\"", "sms:AB12CD34", "date_creation"),
    ];

    public static TheoryData<string, string, string, string, string, string> PagedFeeds
    {
        get
        {
            var data = new TheoryData<string, string, string, string, string, string>();
            foreach (var p in Paged)
                data.Add(p.Source, p.Feed, p.Page, p.Money, p.OtherMoney, p.Key);
            return data;
        }
    }

    public static TheoryData<string, string, string, string, string, string, string> PagedFeedsWithTime
    {
        get
        {
            var data = new TheoryData<string, string, string, string, string, string, string>();
            foreach (var p in Paged)
                data.Add(p.Source, p.Feed, p.Page, p.Money, p.OtherMoney, p.Key, p.Time);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(PagedFeeds))]
    public async Task A_record_on_two_pages_of_one_batch_is_one_row_with_the_later_pages_values(
        string source, string feed, string page, string money, string otherMoney, string key)
    {
        var later = page.Replace(money, otherMoney, StringComparison.Ordinal);
        Assert.NotEqual(page, later);
        await _fixture.LandAsync(source, feed, "2026-11-20", ("page-0001.json", page), ("page-0002.json", later));

        var report = await _fixture.LoadAsync();

        LoadFixture.AssertClean(report);
        var first = await DebitAfterLoadingAloneAsync(source, feed, page, key);
        var second = await DebitAfterLoadingAloneAsync(source, feed, later, key);
        Assert.NotEqual(first, second);
        Assert.Equal(second, Debit(_fixture, key));
        Assert.Equal("1", Count(_fixture, key));
    }

    [Theory]
    [MemberData(nameof(PagedFeedsWithTime))]
    public async Task A_later_copy_that_is_rejected_leaves_the_earlier_copy_of_the_same_batch(
        string source, string feed, string page, string money, string otherMoney, string key, string time)
    {
        // The later page sends the record again with other money and a time that cannot be read: it is a reject.
        var later = BreakTime(page.Replace(money, otherMoney, StringComparison.Ordinal), time);
        Assert.NotEqual(page.Replace(money, otherMoney, StringComparison.Ordinal), later);
        await _fixture.LandAsync(source, feed, "2026-11-20", ("page-0001.json", page), ("page-0002.json", later));

        var report = await _fixture.LoadAsync();

        Assert.Equal(1, report.Files.Sum(f => f.RowsRejected));
        Assert.Equal(1, report.Files.Single(f => f.File.EndsWith("page-0002.json", StringComparison.Ordinal)).RowsRejected);
        Assert.Equal(await DebitAfterLoadingAloneAsync(source, feed, page, key), Debit(_fixture, key));
        Assert.Equal("1", Count(_fixture, key));
    }

    // The first record's value of the time field replaced by one that is not a time.
    private static string BreakTime(string page, string field) =>
        new System.Text.RegularExpressions.Regex($"(\"{field}\":)\"[^\"]*\"", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1))
            .Replace(page, "$1\"soon\"", 1);

    private static async Task<string> DebitAfterLoadingAloneAsync(string source, string feed, string page, string key)
    {
        using var alone = new LoadFixture();
        await alone.LandAsync(source, feed, "2026-11-20", ("page-0001.json", page));
        LoadFixture.AssertClean(await alone.LoadAsync());
        return Debit(alone, key);
    }

    private static string Debit(LoadFixture fixture, string key) => fixture.One(Query(key, "debit"));

    private static string Count(LoadFixture fixture, string key) => fixture.One(Query(key, "count(*)"));

    private static string Query(string key, string what)
    {
        var (table, id) = (key[..key.IndexOf(':')], key[(key.IndexOf(':') + 1)..]);
        return $"SELECT {what} FROM {table} WHERE {(table == "calls" ? "call_id" : "message_id")} = '{id}'";
    }

    // Voice records p<page>-1, p<page>-2, …: outbound, answered, a minute each.
    private static string TelnyxPage(int page, int records)
    {
        var data = new StringBuilder();
        for (var r = 1; r <= records; r++)
        {
            var start = new DateTime(2026, 11, 20, 0, 0, 0, DateTimeKind.Utc).AddSeconds(page * 10 + r);
            data.Append(r > 1 ? "," : "").Append(CultureInfo.InvariantCulture,
                $$"""{"record_type":"call_control_detail_record","id":"p{{page}}-{{r}}","call_id":"c{{page}}-{{r}}","direction":"outbound","cli":"+13125550100","cld":"+13125550{{r:000}}","started_at":"{{start:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}}","answered_at":"{{start.AddSeconds(2):yyyy-MM-dd'T'HH:mm:ss.fff'Z'}}","finished_at":"{{start.AddSeconds(62):yyyy-MM-dd'T'HH:mm:ss.fff'Z'}}","call_sec":60,"billed_sec":60,"rate":"0.0085","cost":"0.0085","currency":"USD","country_code":1,"hangup_cause":"normal_clearing"}""");
        }

        return $$$"""{"data":[{{{data}}}],"meta":{"page_number":{{{page}}},"page_size":50}}""";
    }

    // Two calls of the day: one inbound on a DID, one outbound.
    private static string TeleVoipsCsv(DateOnly day) => Fixtures.TeleVoipsHeader + "\n" + string.Create(CultureInfo.InvariantCulture,
        $"\"{day:yyyy-MM-dd} 10:00:00\",\"\"\"Jane\"\" <+33612345678>\",\"+33612345678\",\"201\",\"from-trunk\",\"PJSIP/t-1\",\"PJSIP/201-1\",\"Dial\",\"PJSIP/201,30,tr\",65,50,\"ANSWERED\",3,\"\",\"{day.DayNumber}.1\",\"\",\"+33187654321\",\"\",\"+33612345678\",\"Jane\",\"\",\"\",\"\",\"{day.DayNumber}.1\",\"\",1\n" +
        $"\"{day:yyyy-MM-dd} 10:05:00\",\"\"\"Bob\"\" <201>\",\"201\",\"0612345678\",\"from-internal\",\"PJSIP/201-2\",\"PJSIP/t-2\",\"Dial\",\"x\",30,20,\"ANSWERED\",3,\"\",\"{day.DayNumber}.2\",\"\",\"\",\"\",\"201\",\"Bob\",\"+33187654321\",\"\",\"\",\"{day.DayNumber}.2\",\"\",2\n");

    private static string TeleVoipsCsvDidLast(DateOnly day) => Fixtures.TeleVoipsHeaderDidLast + "\n" + string.Create(CultureInfo.InvariantCulture,
        $"\"{day:yyyy-MM-dd} 10:00:00\",\"\"\"Jane\"\" <+33612345678>\",\"+33612345678\",\"201\",\"from-trunk\",\"PJSIP/t-1\",\"PJSIP/201-1\",\"Dial\",\"PJSIP/201,30,tr\",65,50,\"ANSWERED\",3,\"\",\"{day.DayNumber}.1\",\"\",\"\",\"+33612345678\",\"Jane\",\"\",\"\",\"\",\"+33187654321\",\"{day.DayNumber}.1\",\"\",1\n" +
        $"\"{day:yyyy-MM-dd} 10:05:00\",\"\"\"Bob\"\" <201>\",\"201\",\"0612345678\",\"from-internal\",\"PJSIP/201-2\",\"PJSIP/t-2\",\"Dial\",\"x\",30,20,\"ANSWERED\",3,\"\",\"{day.DayNumber}.2\",\"\",\"\",\"201\",\"Bob\",\"+33187654321\",\"\",\"\",\"\",\"{day.DayNumber}.2\",\"\",2\n");

    public void Dispose() => _fixture.Dispose();
}

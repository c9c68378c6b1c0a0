using System.Globalization;
using System.Text;
using Analytics.Warehouse.Mapping;
using Analytics.Warehouse.Tests.Loads;

namespace Analytics.Warehouse.Tests.Mapping;

/// <summary>
/// Issue #22 item 2: a PBX in New York writes <c>calldate</c> in its local time, with Asterisk's <c>uniqueid</c> starting
/// with the UTC epoch. The day of the fixture is 2026-11-01, when New York leaves daylight saving time: local 01:30
/// happens twice, 05:30 and 06:30 UTC.
/// </summary>
public sealed class TeleVoipsClockTests : IDisposable
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    // Three calls under EDT (UTC−4), five under EST (UTC−5): the two at 01:30 local are an hour apart.
    private static readonly DateTimeOffset[] Starts =
    [
        new(2026, 10, 31, 23, 30, 0, TimeSpan.Zero),
        new(2026, 11, 1, 3, 59, 59, TimeSpan.Zero),
        new(2026, 11, 1, 5, 30, 0, TimeSpan.Zero),
        new(2026, 11, 1, 6, 30, 0, TimeSpan.Zero),
        new(2026, 11, 1, 6, 45, 10, TimeSpan.Zero),
        new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero),
        new(2026, 11, 1, 21, 15, 0, TimeSpan.Zero),
        new(2026, 11, 2, 2, 0, 0, TimeSpan.Zero),
    ];

    private readonly LoadFixture _fixture = new();

    [Fact]
    public async Task Under_auto_New_York_local_calldates_load_with_their_UTC_starts_across_the_DST_change()
    {
        await LandAsync();

        var report = await _fixture.LoadAsync(new MappingSettings(TeleVoipsClock.Auto));

        LoadFixture.AssertClean(report);
        Assert.Empty(report.Warnings);
        Assert.Equal(Starts.Select((s, i) => Expected(s, i)),
            _fixture.Rows("SELECT strftime(started_at, '%Y-%m-%d %H:%M:%S'), strftime(ended_at, '%Y-%m-%d %H:%M:%S') FROM calls ORDER BY started_at"));
    }

    [Fact]
    public async Task Under_auto_a_uniqueid_without_an_epoch_leaves_calldate_read_as_UTC()
    {
        var csv = Csv().Replace($"\"{Starts[5].ToUnixTimeSeconds()}.5\"", "\"pbx-5\"", StringComparison.Ordinal);
        await _fixture.LandAsync("televoips", "cdrs", "2026-11-01", ("cdrs_2026-11-01.csv", csv));

        LoadFixture.AssertClean(await _fixture.LoadAsync(new MappingSettings(TeleVoipsClock.Auto)));

        Assert.Equal("2026-11-01 07:00:00", _fixture.One("SELECT strftime(started_at, '%Y-%m-%d %H:%M:%S') FROM calls WHERE call_id = 'pbx-5'"));
    }

    [Fact]
    public async Task Under_auto_an_epoch_like_uniqueid_more_than_26_hours_from_calldate_is_not_taken()
    {
        // Call 5 (12:00Z, calldate 07:00 New York) with a uniqueid two days older: not its start, so calldate read as UTC.
        var stale = Starts[5].AddDays(-2).ToUnixTimeSeconds();
        var csv = Csv().Replace($"\"{Starts[5].ToUnixTimeSeconds()}.5\"", $"\"{stale}.5\"", StringComparison.Ordinal);
        await _fixture.LandAsync("televoips", "cdrs", "2026-11-01", ("cdrs_2026-11-01.csv", csv));

        LoadFixture.AssertClean(await _fixture.LoadAsync(new MappingSettings(TeleVoipsClock.Auto)));

        Assert.Equal("2026-11-01 07:00:00", _fixture.One($"SELECT strftime(started_at, '%Y-%m-%d %H:%M:%S') FROM calls WHERE call_id = '{stale}.5'"));
        // The others still start at their epochs.
        Assert.Equal(Starts.Length - 1, int.Parse(_fixture.One(
            $"SELECT count(*) FROM calls WHERE call_id <> '{stale}.5' AND epoch(started_at) = CAST(split_part(call_id, '.', 1) AS BIGINT)"), CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_configured_zone_the_calls_disagree_with_is_a_warning_from_load_and_status_with_the_offset_seen()
    {
        await LandAsync();

        var report = await _fixture.LoadAsync(new MappingSettings("UTC"));

        const string expected = "televoips: televoips/cdrs/2026-11-01/cdrs_2026-11-01.csv: 8 of 8 calls start 15 minutes or more away from calldate " +
                                "read in UTC (by their uniqueid); their calldate looks like UTC−05:00: set Sources:TeleVoips:TimeZone to auto or to the PBX's zone";
        Assert.Equal([expected], report.Warnings);
        Assert.Equal([expected], await TeleVoipsClock.RecentDisagreementsAsync(_fixture.DatabasePath, "UTC", CancellationToken.None));
        // Today's behaviour with an explicit zone: calldate read in it.
        Assert.Equal("2026-10-31 19:30:00", _fixture.Rows("SELECT strftime(started_at, '%Y-%m-%d %H:%M:%S') FROM calls ORDER BY started_at")[0]);
    }

    [Fact]
    public async Task The_right_zone_configured_is_no_warning()
    {
        await LandAsync();

        var report = await _fixture.LoadAsync(new MappingSettings("America/New_York"));

        Assert.Empty(report.Warnings);
        Assert.Empty(await TeleVoipsClock.RecentDisagreementsAsync(_fixture.DatabasePath, "America/New_York", CancellationToken.None));
        // calldate read in New York: the true starts, except that the local 01:30 that happens twice reads as its second (EST)
        // one for both calls: the ambiguity auto does not have.
        var expected = Starts.Select(s => s == Starts[2] ? Starts[3] : s).Select(s => string.Create(CultureInfo.InvariantCulture, $"{s:yyyy-MM-dd HH:mm:ss}"));
        Assert.Equal(expected, _fixture.Rows("SELECT strftime(started_at, '%Y-%m-%d %H:%M:%S') FROM calls ORDER BY started_at, call_id"));
    }

    [Fact]
    public async Task More_than_half_of_a_files_calls_disagreeing_is_a_warning_and_half_is_not()
    {
        // Under America/New_York, calls whose calldate was written in UTC disagree with their uniqueid by 4 or 5 hours.
        await _fixture.LandAsync("televoips", "cdrs", "2026-11-01", ("cdrs_2026-11-01.csv", Csv(writtenInUtc: 4)));
        await _fixture.LandAsync("televoips", "cdrs", "2026-11-02", ("cdrs_2026-11-02.csv", Csv(writtenInUtc: 5)));

        var report = await _fixture.LoadAsync(new MappingSettings("America/New_York"));

        Assert.Equal(
        [
            "televoips: televoips/cdrs/2026-11-02/cdrs_2026-11-02.csv: 5 of 8 calls start 15 minutes or more away from calldate read in America/New_York " +
            "(by their uniqueid); their calldate looks like UTC+00:00: set Sources:TeleVoips:TimeZone to auto or to the PBX's zone",
        ], report.Warnings);
    }

    private Task LandAsync() => _fixture.LandAsync("televoips", "cdrs", "2026-11-01", ("cdrs_2026-11-01.csv", Csv()));

    private static string Expected(DateTimeOffset start, int i) =>
        string.Create(CultureInfo.InvariantCulture, $"{start:yyyy-MM-dd HH:mm:ss}|{start.AddSeconds(Duration(i)):yyyy-MM-dd HH:mm:ss}");

    private static int Duration(int i) => 30 + (i * 7);

    /// <summary>
    /// An export as the PBX writes it: calldate in New York time (the first <paramref name="writtenInUtc"/> calls' in UTC),
    /// uniqueid "&lt;epoch&gt;.&lt;n&gt;", outbound NANP calls.
    /// </summary>
    private static string Csv(int writtenInUtc = 0)
    {
        var csv = new StringBuilder(Fixtures.TeleVoipsHeader).Append('\n');
        for (var i = 0; i < Starts.Length; i++)
        {
            var local = i < writtenInUtc ? Starts[i] : TimeZoneInfo.ConvertTime(Starts[i], NewYork);
            var id = string.Create(CultureInfo.InvariantCulture, $"{Starts[i].ToUnixTimeSeconds()}.{i}");
            csv.Append(CultureInfo.InvariantCulture,
                $"\"{local:yyyy-MM-dd HH:mm:ss}\",\"\"\"Desk\"\" <201>\",\"201\",\"+1212555{i:0000}\",\"from-internal\",\"PJSIP/201-{i}\",\"PJSIP/t-{i}\",\"Dial\",\"x\",{Duration(i)},20,\"ANSWERED\",3,\"\",\"{id}\",\"\",\"\",\"\",\"201\",\"Desk\",\"+12125550100\",\"\",\"\",\"{id}\",\"\",{i}\n");
        }

        return csv.ToString();
    }

    public void Dispose() => _fixture.Dispose();
}

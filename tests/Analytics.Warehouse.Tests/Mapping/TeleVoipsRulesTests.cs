using Analytics.Warehouse.Tests.Loads;

namespace Analytics.Warehouse.Tests.Mapping;

public sealed class TeleVoipsRulesTests : IDisposable
{
    private readonly LoadFixture _fixture = new();

    [Fact]
    public async Task Direction_follows_did_and_dcontext_then_the_numbers_and_internal_calls_are_not_calls()
    {
        static string Row(string id, string src, string dst, string context, string did, string cnum) =>
            $"\"2026-11-20 10:00:00\",\"\",\"{src}\",\"{dst}\",\"{context}\",\"c\",\"d\",\"Dial\",\"x\",30,20,\"ANSWERED\",3,\"\",\"{id}\",\"\",\"{did}\",\"\",\"\",\"\",\"{cnum}\",\"\",\"\",\"{id}\",\"\",1\n";
        var csv = Fixtures.TeleVoipsHeader + "\n" +
            Row("pstn", "+442071234567", "201", "from-pstn", "", "") +                   // trunk context, no did → IN
            Row("did-set", "+442071234567", "s", "custom-ivr", "+33187654321", "") +       // did set → IN whatever the context
            Row("dialout", "201", "+4930123456", "macro-dialout-trunk", "", "+33187654321") + // internal context, external dst → OUT
            Row("guess-in", "0044 20 7123 4567", "201", "custom", "", "") +                // unknown context: external src → IN
            Row("guess-out", "201", "011442071234567", "custom", "", "") +                 // unknown context: external dst → OUT (kept as dialled)
            Row("ext", "201", "202", "from-internal", "", "") +                            // extension to extension: not a call
            Row("feature", "201", "*97", "from-internal", "", "");                          // voicemail feature code: not a call
        await _fixture.LandAsync("televoips", "cdrs", "2026-11-20", ("cdrs_2026-11-20.csv", csv));

        await _fixture.LoadAsync();

        Assert.Equal(
        [
            "dialout|OUT|+4930123456|DE",
            "did-set|IN|+442071234567|GB",
            "guess-in|IN|+442071234567|GB",
            "guess-out|OUT|+442071234567|GB", // 011 is the international prefix of the default home country, US
            "pstn|IN|+442071234567|GB",
        ], _fixture.Rows("SELECT call_id, direction, CASE direction WHEN 'IN' THEN caller ELSE callee END, country_code FROM calls ORDER BY call_id"));
        Assert.Equal("7", _fixture.One("SELECT count(*) FROM raw_televoips_cdrs"));
    }

    public void Dispose() => _fixture.Dispose();
}

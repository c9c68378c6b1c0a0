using Analytics.Warehouse.Mapping;
using Analytics.Warehouse.Tests.Loads;

namespace Analytics.Warehouse.Tests.Mapping;

/// <summary>Issue #22 item 3: TeleVoIPs sends bare NANP numbers (<c>"did": "3525932093"</c>); they become E.164 from <c>HomeCountry</c>.</summary>
public sealed class TeleVoipsNumbersTests : IDisposable
{
    // Outbound to a ten-digit US and a ten-digit Canadian number, 011-international to the UK; inbound from a ten-digit caller to our DID.
    private static readonly string Csv = Fixtures.TeleVoipsHeader + "\n" +
        "\"2026-11-20 10:00:00\",\"\"\"Desk\"\" <201>\",\"201\",\"2125550123\",\"from-internal\",\"PJSIP/201-1\",\"PJSIP/t-1\",\"Dial\",\"x\",70,61,\"ANSWERED\",3,\"\",\"1763650800.1\",\"\",\"\",\"\",\"201\",\"Desk\",\"3525932093\",\"\",\"\",\"1763650800.1\",\"\",1\n" +
        "\"2026-11-20 10:01:00\",\"\"\"Desk\"\" <201>\",\"201\",\"4165550123\",\"from-internal\",\"PJSIP/201-2\",\"PJSIP/t-2\",\"Dial\",\"x\",40,30,\"ANSWERED\",3,\"\",\"1763650860.2\",\"\",\"\",\"\",\"201\",\"Desk\",\"3525932093\",\"\",\"\",\"1763650860.2\",\"\",2\n" +
        "\"2026-11-20 10:02:00\",\"\"\"Desk\"\" <201>\",\"201\",\"011447700900123\",\"from-internal\",\"PJSIP/201-3\",\"PJSIP/t-3\",\"Dial\",\"x\",20,10,\"ANSWERED\",3,\"\",\"1763650920.3\",\"\",\"\",\"\",\"201\",\"Desk\",\"3525932093\",\"\",\"\",\"1763650920.3\",\"\",3\n" +
        "\"2026-11-20 10:03:00\",\"\"\"Jane\"\" <1234567890>\",\"6175550199\",\"201\",\"from-trunk\",\"PJSIP/t-4\",\"PJSIP/201-4\",\"Dial\",\"x\",50,45,\"ANSWERED\",3,\"\",\"1763650980.4\",\"\",\"3525932093\",\"\",\"6175550199\",\"Jane\",\"\",\"\",\"\",\"1763650980.4\",\"\",4\n";

    private readonly LoadFixture _fixture = new();

    [Fact]
    public async Task Ten_digit_numbers_become_E164_get_US_or_CA_and_a_price()
    {
        await File.WriteAllTextAsync(_fixture.Combine("deck.csv"), "prefix,rate_per_minute,currency,increment_s\n1,0.0100,USD,6\n1416,0.0200,USD,6\n44,0.0500,USD,60\n");
        await _fixture.LandAsync("televoips", "cdrs", "2026-11-20", ("cdrs_2026-11-20.csv", Csv));

        LoadFixture.AssertClean(await _fixture.LoadAsync(new MappingSettings(RateDeckPath: _fixture.Combine("deck.csv"))));

        Assert.Equal(string.Join("\n",
        [
            "1763650800.1|OUT|+13525932093|+12125550123|NULL|US|0.011000|USD",
            "1763650860.2|OUT|+13525932093|+14165550123|NULL|CA|0.010000|USD",
            "1763650920.3|OUT|+13525932093|+447700900123|NULL|GB|0.050000|USD",
            "1763650980.4|IN|+16175550199|+13525932093|+13525932093|US|0.000000|USD",
        ]), string.Join("\n", _fixture.Rows("SELECT call_id, direction, caller, callee, did, country_code, debit, currency FROM calls ORDER BY call_id")));
    }

    [Fact]
    public async Task Another_home_country_expands_its_own_national_numbers()
    {
        await _fixture.LandAsync("televoips", "cdrs", "2026-11-20", ("cdrs_2026-11-20.csv", Fixtures.TeleVoipsCsv));

        LoadFixture.AssertClean(await _fixture.LoadAsync(new MappingSettings(TeleVoipsHomeCountry: "FR")));

        Assert.Equal("+33612345678|FR", _fixture.One("SELECT callee, country_code FROM calls WHERE call_id = '1763629500.2'"));
    }

    public void Dispose() => _fixture.Dispose();
}

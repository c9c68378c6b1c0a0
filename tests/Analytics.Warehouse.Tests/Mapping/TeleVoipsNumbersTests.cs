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
        "\"2026-11-20 10:03:00\",\"\"\"Jane\"\" <1234567890>\",\"6175550199\",\"201\",\"from-trunk\",\"PJSIP/t-4\",\"PJSIP/201-4\",\"Dial\",\"x\",50,45,\"ANSWERED\",3,\"\",\"1763650980.4\",\"\",\"3525932093\",\"\",\"6175550199\",\"Jane\",\"\",\"\",\"\",\"1763650980.4\",\"\",4\n" +
        "\"2026-11-20 10:04:00\",\"\"\"Desk\"\" <201>\",\"201\",\"8768431234\",\"from-internal\",\"PJSIP/201-5\",\"PJSIP/t-5\",\"Dial\",\"x\",65,60,\"ANSWERED\",3,\"\",\"1763651040.5\",\"\",\"\",\"\",\"201\",\"Desk\",\"3525932093\",\"\",\"\",\"1763651040.5\",\"\",5\n";

    // An Italian PBX: national numbers keep their leading 0 (Rome 06…, Milan 02…), mobiles start with 3, 00 is international.
    private static readonly string ItalianCsv = Fixtures.TeleVoipsHeader + "\n" +
        "\"2026-11-20 10:00:00\",\"\"\"Desk\"\" <201>\",\"201\",\"0612345678\",\"from-internal\",\"PJSIP/201-1\",\"PJSIP/t-1\",\"Dial\",\"x\",70,61,\"ANSWERED\",3,\"\",\"1763650800.1\",\"\",\"\",\"\",\"201\",\"Desk\",\"0287654321\",\"\",\"\",\"1763650800.1\",\"\",1\n" +
        "\"2026-11-20 10:01:00\",\"\"\"Desk\"\" <201>\",\"201\",\"3331234567\",\"from-internal\",\"PJSIP/201-2\",\"PJSIP/t-2\",\"Dial\",\"x\",40,30,\"ANSWERED\",3,\"\",\"1763650860.2\",\"\",\"\",\"\",\"201\",\"Desk\",\"0287654321\",\"\",\"\",\"1763650860.2\",\"\",2\n" +
        "\"2026-11-20 10:02:00\",\"\"\"Desk\"\" <201>\",\"201\",\"00442079460123\",\"from-internal\",\"PJSIP/201-3\",\"PJSIP/t-3\",\"Dial\",\"x\",20,10,\"ANSWERED\",3,\"\",\"1763650920.3\",\"\",\"\",\"\",\"201\",\"Desk\",\"0287654321\",\"\",\"\",\"1763650920.3\",\"\",3\n" +
        "\"2026-11-20 10:03:00\",\"\"\"Anna\"\" <0669812345>\",\"0669812345\",\"201\",\"from-trunk\",\"PJSIP/t-4\",\"PJSIP/201-4\",\"Dial\",\"x\",50,45,\"ANSWERED\",3,\"\",\"1763650980.4\",\"\",\"0287654321\",\"\",\"0669812345\",\"Anna\",\"\",\"\",\"\",\"1763650980.4\",\"\",4\n";

    private readonly LoadFixture _fixture = new();

    [Fact]
    public async Task Ten_digit_numbers_become_E164_get_US_CA_or_JM_and_a_price()
    {
        await File.WriteAllTextAsync(_fixture.Combine("deck.csv"), "prefix,rate_per_minute,currency,increment_s\n1,0.0100,USD,6\n1416,0.0200,USD,6\n1876,0.1500,USD,60\n44,0.0500,USD,60\n");
        await _fixture.LandAsync("televoips", "cdrs", "2026-11-20", ("cdrs_2026-11-20.csv", Csv));

        LoadFixture.AssertClean(await _fixture.LoadAsync(new MappingSettings(RateDeckPath: _fixture.Combine("deck.csv"))));

        Assert.Equal(string.Join("\n",
        [
            "1763650800.1|OUT|+13525932093|+12125550123|NULL|US|0.011000|USD",
            "1763650860.2|OUT|+13525932093|+14165550123|NULL|CA|0.010000|USD",
            // 07700 900xxx is Ofcom's drama range: libphonenumber knows it is no real number, so no country.
            "1763650920.3|OUT|+13525932093|+447700900123|NULL|NULL|0.050000|USD",
            "1763650980.4|IN|+16175550199|+13525932093|+13525932093|US|0.000000|USD",
            "1763651040.5|OUT|+13525932093|+18768431234|NULL|JM|0.150000|USD",
        ]), string.Join("\n", _fixture.Rows("SELECT call_id, direction, caller, callee, did, country_code, debit, currency FROM calls ORDER BY call_id")));
    }

    [Fact]
    public async Task Another_home_country_expands_its_own_national_numbers()
    {
        await _fixture.LandAsync("televoips", "cdrs", "2026-11-20", ("cdrs_2026-11-20.csv", Fixtures.TeleVoipsCsv));

        LoadFixture.AssertClean(await _fixture.LoadAsync(new MappingSettings(TeleVoipsHomeCountry: "FR")));

        Assert.Equal("+33612345678|FR", _fixture.One("SELECT callee, country_code FROM calls WHERE call_id = '1763629500.2'"));
    }

    [Fact]
    public async Task An_Italian_PBX_keeps_the_leading_0_of_its_national_numbers()
    {
        await _fixture.LandAsync("televoips", "cdrs", "2026-11-20", ("cdrs_2026-11-20.csv", ItalianCsv));

        LoadFixture.AssertClean(await _fixture.LoadAsync(new MappingSettings(TeleVoipsHomeCountry: "IT")));

        Assert.Equal(string.Join("\n",
        [
            "1763650800.1|OUT|+390287654321|+390612345678|NULL|IT",
            "1763650860.2|OUT|+390287654321|+393331234567|NULL|IT",
            "1763650920.3|OUT|+390287654321|+442079460123|NULL|GB",
            "1763650980.4|IN|+390669812345|+390287654321|+390287654321|VA",
        ]), string.Join("\n", _fixture.Rows("SELECT call_id, direction, caller, callee, did, country_code FROM calls ORDER BY call_id")));
    }

    public void Dispose() => _fixture.Dispose();
}

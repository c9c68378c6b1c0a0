using System.Globalization;
using Analytics.Sandbox.Data;
using Analytics.Testing;
using Analytics.Warehouse.Reference;
using PhoneNumbers;

namespace Analytics.Warehouse.Tests.Reference;

/// <summary>Issue #22 item 3: the remote party's country comes from libphonenumber, through the generated prefix table.</summary>
public sealed class PhonePrefixesTests : IDisposable
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();
    private readonly TempDirectory _directory = new("phone-prefixes");

    [Fact]
    public void The_shipped_table_is_what_libphonenumbers_metadata_gives()
    {
        var shipped = Path.GetFullPath(Path.Combine(SourceDirectory(), "..", "..", "..", "warehouse", "Reference", "phone_prefixes.csv"));
        var generated = PhonePrefixes.Csv(PhonePrefixGenerator.Generate());
        if (File.ReadAllText(shipped) == generated)
            return;
        var received = Path.ChangeExtension(shipped, ".received.csv");
        File.WriteAllText(received, generated);
        Assert.Fail($"{shipped} is not what libphonenumber {typeof(PhoneNumberUtil).Assembly.GetName().Version} gives: the generated table is in {received} (move it over the shipped one)");
    }

    [Fact]
    public async Task The_lookup_gives_PhoneNumberUtils_valid_region_for_sandbox_and_world_numbers()
    {
        var corpus = Corpus();
        var actual = await LookUpAsync(corpus);
        var rewritten = 0;
        var valid = 0;
        foreach (var digits in corpus)
        {
            var number = Parse(digits);
            // Parse strips a national prefix written after the calling code (+44 0 20…) or rewrites a short local
            // form; the table reads the digits as they are (documented in PhonePrefixGenerator).
            if (number is not null && Util.Format(number, PhoneNumberFormat.E164) != "+" + digits)
            {
                rewritten++;
                continue;
            }

            var expected = number is not null && Util.IsValidNumber(number) ? Util.GetRegionCodeForNumber(number) : null;
            expected = expected == "001" ? null : expected;
            valid += expected is null ? 0 : 1;
            Assert.True(expected == actual[digits], $"+{digits}: libphonenumber says {expected ?? "no valid region"}, the table {actual[digits] ?? "none"}");
        }

        Assert.True(valid > corpus.Count / 3, $"only {valid} of {corpus.Count} numbers are valid: the corpus tests little");
        Assert.True(rewritten < corpus.Count / 50, $"{rewritten} of {corpus.Count} numbers were rewritten by Parse");
        Assert.Equal("GG", actual["441481256789"]);
        Assert.Equal("KZ", actual["77112345678"]);
        Assert.Equal("RU", actual["74951234567"]);
        Assert.Equal("YT", actual["262269601234"]);
        Assert.Equal("JM", actual["18768431234"]);
        Assert.Equal("CA", actual["14162345678"]);
        Assert.Equal("DO", actual["18092345678"]);
        Assert.Equal("VA", actual["390669812345"]);
        Assert.Null(actual["12a4567"]);
    }

    // Every sandbox country's number plans, the example numbers of every region and type with their tails changed (so
    // some are invalid), random NANP numbers, and the shared calling codes' regions.
    private static List<string> Corpus()
    {
        var random = new Random(22);
        var numbers = new List<string>();
        var rng = new Rng(22);
        foreach (var country in Countries.All)
        {
            for (var i = 0; i < 300; i++)
                numbers.Add(country.Number(ref rng, mobile: i % 2 == 0)[1..]);
        }

        foreach (var region in Util.GetSupportedRegions().Order(StringComparer.Ordinal))
        {
            var metadata = Util.GetMetadataForRegion(region);
            var cc = metadata.CountryCode.ToString(CultureInfo.InvariantCulture);
            foreach (var desc in new[] { metadata.FixedLine, metadata.Mobile, metadata.TollFree, metadata.PremiumRate, metadata.Voip, metadata.Uan, metadata.SharedCost })
            {
                if (!desc.HasExampleNumber)
                    continue;
                numbers.Add(cc + desc.ExampleNumber);
                for (var i = 0; i < 12; i++)
                {
                    var digits = desc.ExampleNumber.ToCharArray();
                    for (var at = random.Next(digits.Length); at < digits.Length; at++)
                        digits[at] = (char)('0' + random.Next(10));
                    var tail = random.Next(8) switch { 0 => random.Next(10).ToString(CultureInfo.InvariantCulture), 1 => null, _ => "" };
                    var text = new string(digits);
                    numbers.Add(cc + (tail is null ? text[..^1] : text + tail));
                }
            }
        }

        for (var i = 0; i < 5000; i++)
            numbers.Add("1" + random.NextInt64(2_000_000_000, 9_999_999_999).ToString(CultureInfo.InvariantCulture));
        numbers.AddRange(["441481256789", "77112345678", "74951234567", "262269601234", "262262161234", "590590271234", "590690001234",
            "5999461234", "59971234567", "18768431234", "18092345678", "18298765432", "14162345678", "390669812345", "390612345678", "12a4567"]);
        return [.. numbers.Distinct(StringComparer.Ordinal)];
    }

    private static PhoneNumber? Parse(string digits)
    {
        if (!digits.All(char.IsAsciiDigit))
            return null;
        try
        {
            return Util.Parse("+" + digits, null);
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    // Through the loader's own SQL: the TEMP table and the joins every mapping uses.
    private async Task<Dictionary<string, string?>> LookUpAsync(List<string> numbers)
    {
        await using var connection = WarehouseDatabase.OpenReadWrite(_directory.File("prefixes.duckdb"));
        await PhonePrefixes.CreateAsync(connection, CancellationToken.None);
        await using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE numbers (digits VARCHAR)";
            await create.ExecuteNonQueryAsync();
        }

        using (var appender = ((DuckDB.NET.Data.DuckDBConnection)connection).CreateAppender("numbers"))
        {
            foreach (var number in numbers)
                appender.CreateRow().AppendValue(number).EndRow();
        }

        var actual = new Dictionary<string, string?>(StringComparer.Ordinal);
        await using var query = connection.CreateCommand();
        query.CommandText = $"SELECT n.digits, {PhonePrefixes.Country("n.digits")} FROM numbers n\n{PhonePrefixes.Join("n.digits")}";
        await using var reader = await query.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            actual[reader.GetString(0)] = reader.IsDBNull(1) ? null : reader.GetString(1);
        return actual;
    }

    private static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string file = "") => Path.GetDirectoryName(file)!;

    public void Dispose() => _directory.Dispose();
}

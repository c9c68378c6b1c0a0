using System.Globalization;
using Analytics.Testing;
using Analytics.Warehouse.Reference;

namespace Analytics.Warehouse.Tests.Reference;

public sealed class DialKeysTests : IDisposable
{
    private readonly TempDirectory _directory = new("dial-keys");

    [Fact]
    public async Task The_one_join_lookup_gives_the_longest_shipped_prefix_for_every_prefix_and_for_random_numbers()
    {
        var prefixes = ReferenceData.Prefixes.ToDictionary(p => p.Prefix, p => (p.Country, p.DialCode), StringComparer.Ordinal);
        var random = new Random(5);
        var numbers = prefixes.Keys.SelectMany(p => new[] { p, p + "0", p + "9876543" })
            .Concat(Enumerable.Range(0, 20_000).Select(_ => random.NextInt64(1_000_000, 99_999_999_999_999).ToString(CultureInfo.InvariantCulture)))
            .Concat(["1", "44", "4414", "44148", "441481", "4414812", "12a4567", ""])
            .Distinct(StringComparer.Ordinal)
            .ToList();

        await using var connection = WarehouseDatabase.OpenReadWrite(_directory.File("keys.duckdb"));
        await ReferenceData.RefreshAsync(connection, CancellationToken.None);
        await using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE numbers (digits VARCHAR)";
            await create.ExecuteNonQueryAsync();
        }

        // Strings only: the plain appender writes sizeof(T) with no width check, and a string is exactly VARCHAR.
        using (var appender = ((DuckDB.NET.Data.DuckDBConnection)connection).CreateAppender("numbers"))
        {
            foreach (var number in numbers)
                appender.CreateRow().AppendValue(number).EndRow();
        }

        var actual = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var query = connection.CreateCommand())
        {
            query.CommandText = "SELECT n.digits, coalesce(k.country_code || '/' || k.dial_code, 'none') FROM numbers n LEFT JOIN ref_dial_keys k ON k.key = an_dial_key(n.digits)";
            await using var reader = await query.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                actual[reader.GetString(0)] = reader.GetString(1);
        }

        foreach (var number in numbers)
        {
            var longest = Enumerable.Range(0, number.Length + 1).Reverse().Select(n => number[..n]).FirstOrDefault(prefixes.ContainsKey);
            var expected = longest is null || !number.All(char.IsAsciiDigit) ? "none" : $"{prefixes[longest].Country}/{prefixes[longest].DialCode}";
            Assert.True(expected == actual[number], $"{number}: expected {expected}, got {actual[number]}");
        }

        Assert.Equal("GG/44", actual["4414812"]);
        Assert.Equal("GB/44", actual["44148"]);
    }

    public void Dispose() => _directory.Dispose();
}

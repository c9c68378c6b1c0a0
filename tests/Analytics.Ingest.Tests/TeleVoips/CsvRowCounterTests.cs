using System.Text;
using Analytics.Ingest.Tests.Http;
using Analytics.Ingest.TeleVoips;

namespace Analytics.Ingest.Tests.TeleVoips;

public sealed class CsvRowCounterTests
{
    private const string Header = "calldate,clid,src,billsec\n";

    [Fact]
    public async Task Counts_data_rows_with_quoted_commas_doubled_quotes_and_embedded_newlines()
    {
        var csv = Header + "\"2026-11-21 10:00:00\",\"\"\"Jane, D\"\" <+33>\",\"201\",5\n" + "\"2026-11-21 11:00:00\",\"line\nbreak\",\"202\",0\r\n";
        Assert.Equal(2, await CountAsync(csv));
    }

    [Fact]
    public async Task A_last_row_without_newline_counts_when_whole() =>
        Assert.Equal(1, await CountAsync(Header + "\"a\",\"b\",\"c\",1"));

    [Theory]
    [InlineData("\"2026-11-21 10:00:00\",\"Jane\",\"201\"\n\"2026-11-21 11:00:00\",\"Joe\",\"202\",7\n", 2)]
    [InlineData("\"2026-11-21 10:00:00\",\"Jane\",\"201\",5,extra,fields\n", 1)]
    public async Task A_row_with_the_wrong_number_of_fields_is_counted_not_refused(string rows, long expected) =>
        Assert.Equal(expected, await CountAsync(Header + rows));

    [Fact]
    public async Task An_empty_body_is_not_an_export() =>
        await Assert.ThrowsAsync<InvalidDataException>(() => CountAsync(""));

    private static async Task<long> CountAsync(string csv)
    {
        await using var stream = new TrickleStream(Encoding.UTF8.GetBytes(csv), 5);
        return await CsvRowCounter.CountRowsAsync(stream, "televoips: test.csv", CancellationToken.None);
    }
}

using System.Text;
using Analytics.Ingest.Tests.Http;
using Analytics.Ingest.TeleVoips;

namespace Analytics.Ingest.Tests.TeleVoips;

public sealed class CsvShapeValidatorTests
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
    [InlineData("\"2026-11-21 10:00:00\",\"Jane")]
    [InlineData("\"2026-11-21 10:00:00\",\"Jane\",\"201\"\n")]
    [InlineData("")]
    public async Task A_body_cut_mid_row_is_invalid(string rows)
    {
        var body = rows.Length == 0 ? "" : Header + rows;
        await Assert.ThrowsAsync<InvalidDataException>(() => CountAsync(body));
    }

    private static async Task<long> CountAsync(string csv)
    {
        await using var stream = new TrickleStream(Encoding.UTF8.GetBytes(csv), 5);
        return await CsvShapeValidator.CountRowsAsync(stream, "televoips: test.csv", CancellationToken.None);
    }
}

using System.Text;
using Analytics.Warehouse.Loads.Staging;

namespace Analytics.Warehouse.Tests.Loads.Staging;

public sealed class CsvStagerTests
{
    private const string Header = "calldate,src,dst,dcontext,duration,billsec,disposition,uniqueid";

    [Fact]
    public async Task Every_record_gets_its_number_as_a_first_field_and_lines_stay_as_they_were()
    {
        var csv = Header + "\r\n\"2026-11-20 10:00:00\",a,b,c,1,1,ANSWERED,u1\r\n\"2026-11-20 10:01:00\",a,b,c,2,2,ANSWERED,u2";

        var (staged, output) = await StageAsync(csv);

        Assert.Equal("an_ordinal," + Header + "\r\n1,\"2026-11-20 10:00:00\",a,b,c,1,1,ANSWERED,u1\r\n2,\"2026-11-20 10:01:00\",a,b,c,2,2,ANSWERED,u2", output);
        Assert.Equal(2, staged.Records);
        Assert.Empty(staged.Shifts);
        Assert.Equal(["calldate", "src", "dst", "dcontext", "duration", "billsec", "disposition", "uniqueid"], staged.Header);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4096)]
    public async Task Blank_lines_and_quoted_newlines_shift_the_lines_of_later_records_whatever_the_read_size(int readSize)
    {
        // Physical lines: 1 header, 2 record 1, 3 blank, 4-5 record 2 (quoted newline), 6 record 3, 7 blank (CRLF), 8 record 4.
        var csv = Header + "\n" +
                  "d,a,b,c,1,1,X,u1\n" +
                  "\n" +
                  "d,\"two\nlines\",b,c,1,1,X,u2\n" +
                  "d,\"say \"\"hi\"\"\",b,c,1,1,X,u3\n" +
                  "\r\n" +
                  "d,a,b,c,1,1,X,u4\n";

        var (staged, output) = await StageAsync(csv, readSize);

        Assert.Equal(4, staged.Records);
        Assert.Equal([new LineShift(2, 1), new LineShift(3, 2), new LineShift(4, 3)], staged.Shifts);
        Assert.Equal(
            "an_ordinal," + Header + "\n1,d,a,b,c,1,1,X,u1\n\n2,d,\"two\nlines\",b,c,1,1,X,u2\n3,d,\"say \"\"hi\"\"\",b,c,1,1,X,u3\n\r\n4,d,a,b,c,1,1,X,u4\n",
            output);
    }

    [Fact]
    public async Task A_byte_order_mark_and_a_reordered_header_are_accepted()
    {
        var (staged, _) = await StageAsync("\uFEFFuniqueid,\"CallDate\",src,dst,dcontext,duration,billsec,disposition\nu1,d,a,b,c,1,1,X\n");

        Assert.Equal("uniqueid", staged.Header[0]);
        Assert.Equal("calldate", staged.Header[1]);
        Assert.Equal(1, staged.Records);
    }

    [Theory]
    [InlineData("", "has no header row")]
    [InlineData("calldate,src\nd,a\n", "has no header with the required columns: missing dst, dcontext, duration, billsec, disposition, uniqueid")]
    public async Task A_file_without_the_required_header_is_a_problem(string csv, string expected)
    {
        var problem = await Assert.ThrowsAsync<StagingProblemException>(() => StageAsync(csv));

        Assert.StartsWith(expected, problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    public async Task Multi_byte_characters_split_across_reads_are_valid_and_a_bad_byte_is_named_by_offset(int readSize)
    {
        var good = Header + "\nd,é€😀,b,c,1,1,X,u1\n";
        Assert.Equal(1, (await StageAsync(good, readSize)).Staged.Records);

        var bytes = Encoding.UTF8.GetBytes(good).Concat(new byte[] { 0xC3, 0x28, (byte)'\n' }).ToArray();
        var problem = await Assert.ThrowsAsync<StagingProblemException>(() => StageAsync(bytes, readSize));
        Assert.StartsWith("is not valid UTF-8 (bad byte near offset", problem.Message, StringComparison.Ordinal);
    }

    private static Task<(CsvStaged Staged, string Output)> StageAsync(string csv, int readSize = 1 << 20) => StageAsync(Encoding.UTF8.GetBytes(csv), readSize);

    private static async Task<(CsvStaged Staged, string Output)> StageAsync(byte[] csv, int readSize = 1 << 20)
    {
        using var output = new MemoryStream();
        var staged = await CsvStager.StageAsync(new ChunkedReadStream(csv, readSize), output, CancellationToken.None);
        return (staged, Encoding.UTF8.GetString(output.ToArray()));
    }
}

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

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 3)]
    [InlineData(3, 7)]
    [InlineData(4, 64)]
    [InlineData(5, 4096)]
    [InlineData(6, 1 << 20)]
    public async Task Random_files_stage_byte_for_byte_as_the_previous_scan_did(int seed, int readSize)
    {
        var random = new Random(seed);
        for (var file = 0; file < 20; file++)
            await AssertAsReferenceAsync(file % 4 == 3 ? RandomBytes(random) : RandomCsv(random), readSize);
    }

    [Fact]
    public async Task Quotes_and_newlines_at_every_offset_of_a_block_are_seen()
    {
        // Each pad moves the quotes, the quoted newline and the record's end by one byte across the 64-byte blocks.
        for (var pad = 0; pad < 140; pad++)
        {
            var record = "d," + new string('x', pad) + ",\"q\"\"\n\"\r\n";
            var csv = Encoding.UTF8.GetBytes(Header + "\n" + record + "\"" + record + "\"\n\r\r\n" + record + "\n\rx," + record);
            foreach (var readSize in new[] { 1 << 20, 63, 64, 65 })
                await AssertAsReferenceAsync(csv, readSize);
        }
    }

    [Fact]
    public async Task A_newline_or_carriage_return_that_ends_a_read_waits_for_the_next()
    {
        var csv = Encoding.UTF8.GetBytes(Header + "\r\n" + "a,\"b\nc\"\n\r\r\nd\n\rx,\"y\"\n\r\n\n\"z\"\n\r");
        for (var readSize = 1; readSize <= csv.Length; readSize++)
            await AssertAsReferenceAsync(csv, readSize);
    }

    [Fact]
    public async Task A_record_longer_than_a_read_keeps_its_line_count()
    {
        var field = string.Concat(Enumerable.Range(0, 9000).Select(i => i % 7 == 0 ? "\"\"\n" : "abcdefghi"));
        var csv = Header + "\na,\"" + field + "\",b\n\nc,d\n";

        var (staged, output) = await StageAsync(csv, 4096);

        Assert.True(field.Length > 70_000);
        Assert.Equal(2, staged.Records);
        Assert.Equal([new LineShift(2, field.Count(c => c == '\n') + 1)], staged.Shifts); // its quoted newlines and the blank line
        Assert.Equal("an_ordinal," + Header + "\n1,a,\"" + field + "\",b\n\n2,c,d\n", output);
        await AssertAsReferenceAsync(Encoding.UTF8.GetBytes(csv), 4096);
    }

    private static async Task AssertAsReferenceAsync(byte[] csv, int readSize)
    {
        var expected = ReferenceCsvStager.Stage(csv, readSize);
        using var output = new MemoryStream();
        var staged = await CsvStager.StageAsync(new ChunkedReadStream(csv, readSize), output, CancellationToken.None);
        Assert.Equal(expected.Records, staged.Records);
        Assert.Equal(expected.Shifts, staged.Shifts);
        Assert.True(expected.Output.AsSpan().SequenceEqual(output.ToArray()), $"staged copy differs (read size {readSize}): {Encoding.UTF8.GetString(csv)}");
    }

    // Records as a FreePBX export might have them, with every oddity the stager keeps: blank LF, CRLF and CR CR LF
    // lines, quoted newlines and doubled quotes, a carriage return before a record, no newline at the end.
    private static byte[] RandomCsv(Random random)
    {
        var text = new StringBuilder(Header).Append(random.Next(2) == 0 ? "\n" : "\r\n");
        for (var record = random.Next(1, 60); record > 0; record--)
        {
            text.Append(random.Next(12) switch { 0 => "\n", 1 => "\r\n", 2 => "\r\r\n", 3 => "\r", _ => "" });
            for (var field = random.Next(1, 10); field > 0; field--)
            {
                if (random.Next(2) == 0)
                    text.Append('"').Append(RandomText(random, "ab,\"\"\n\r é", random.Next(40)).Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
                else
                    text.Append(RandomText(random, "abcdefgh 0123456789", random.Next(30)));
                text.Append(field > 1 ? "," : "");
            }

            text.Append(record > 1 || random.Next(2) == 0 ? (random.Next(2) == 0 ? "\n" : "\r\n") : "");
        }

        return Encoding.UTF8.GetBytes(text.Append('\r', random.Next(3)).ToString());
    }

    // Not CSV at all past the header: quotes, newlines and carriage returns in any order, odd quote counts included.
    private static byte[] RandomBytes(Random random) =>
        Encoding.UTF8.GetBytes(Header + "\n" + RandomText(random, "\"\"\"\n\n\r,aaaaaaa", random.Next(4000)));

    private static string RandomText(Random random, string alphabet, int length) =>
        string.Create(length, (random, alphabet), static (chars, state) =>
        {
            for (var i = 0; i < chars.Length; i++)
                chars[i] = state.alphabet[state.random.Next(state.alphabet.Length)];
        });

    private static Task<(CsvStaged Staged, string Output)> StageAsync(string csv, int readSize = 1 << 20) => StageAsync(Encoding.UTF8.GetBytes(csv), readSize);

    private static async Task<(CsvStaged Staged, string Output)> StageAsync(byte[] csv, int readSize = 1 << 20)
    {
        using var output = new MemoryStream();
        var staged = await CsvStager.StageAsync(new ChunkedReadStream(csv, readSize), output, CancellationToken.None);
        return (staged, Encoding.UTF8.GetString(output.ToArray()));
    }
}

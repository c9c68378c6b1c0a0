using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Analytics.Warehouse.Loads.Staging;

namespace Analytics.Warehouse.Tests.Loads.Staging;

public sealed class JsonRecordSplitterTests
{
    [Fact]
    public async Task Each_record_of_the_envelope_becomes_one_line_tagged_with_file_and_record_index()
    {
        var json = "{\"meta\":{\"page\":{\"data\":[1]}},\"data\":[{\"a\":1,\"b\":\"x\"},{},{ \"c\" : [1,{\"d\":null}] }],\"jsonrpc\":\"2.0\"}";

        var (split, lines) = await SplitAsync(json, "data", fileIndex: 3);

        Assert.Null(split.Problem);
        Assert.Equal(3, split.Records);
        Assert.Equal(["{\"_f\":3,\"_o\":1,\"a\":1,\"b\":\"x\"}", "{\"_f\":3,\"_o\":2}", "{\"_f\":3,\"_o\":3,\"c\" : [1,{\"d\":null}] }"], lines);
        Assert.Equal(lines.Max(l => Encoding.UTF8.GetByteCount(l)) + 1, split.MaxRecordBytes);
    }

    [Fact]
    public async Task A_pretty_printed_record_keeps_every_value_byte_and_loses_only_its_newlines()
    {
        var json = "[\r\n  {\r\n    \"s\": \"brace } bracket ] quote \\\" backslash \\\\\",\n    \"n\": [\n      1\n    ]\n  }\n]\n";

        var (split, lines) = await SplitAsync(json, envelope: null);

        Assert.Null(split.Problem);
        Assert.Equal("{\"_f\":0,\"_o\":1,\"s\": \"brace } bracket ] quote \\\" backslash \\\\\",     \"n\": [       1     ]   }", Assert.Single(lines));
    }

    [Theory]
    [InlineData("{\"data\":null}", 0)]
    [InlineData("{\"data\":[]}", 0)]
    [InlineData("\uFEFF {\"data\":[{\"a\":1}]} \n", 1)]
    public async Task Empty_pages_and_a_byte_order_mark_are_fine(string json, long records)
    {
        var (split, lines) = await SplitAsync(json, "data");

        Assert.Null(split.Problem);
        Assert.Equal(records, split.Records);
        Assert.Equal(records, lines.Count);
    }

    [Theory]
    [InlineData("", "data", "the document is empty")]
    [InlineData("[]", "data", "the document is an array")]
    [InlineData("{\"data\":[1]}", "data", "record at byte 9 is a number, not an object")]
    [InlineData("[{},\"x\"]", null, "record at byte 4 is a string, not an object")]
    [InlineData("{\"data\":{\"a\":1}}", "data", "\"data\" is an object")]
    [InlineData("{\"errors\":[{\"code\":\"10009\"}]}", "data", "no \"data\" member")]
    [InlineData("{\"data\":[{\"a\":1},", "data", "the document ends early")]
    [InlineData("{\"data\":[{\"a\":1},]}", "data", "invalid JSON at byte 17: unexpected ']'")]
    [InlineData("{\"data\":[]} x", "data", "unexpected data after the document at byte 12")]
    [InlineData("{\"data\":[] \"x\":1}", "data", "invalid JSON at byte 11: unexpected '\"'")]
    public async Task A_payload_of_the_wrong_shape_is_a_problem_named_by_its_byte(string json, string? envelope, string expected)
    {
        var (split, _) = await SplitAsync(json, envelope);

        Assert.Equal(expected, split.Problem);
    }

    [Fact]
    public async Task Invalid_utf8_is_named_by_offset_even_when_the_bad_byte_ends_the_file()
    {
        var good = Encoding.UTF8.GetBytes("{\"data\":[{\"a\":\"é\"}]}");
        var bad = good[..15].Concat(new byte[] { 0xC3, 0x28 }).Concat(good[15..]).ToArray();
        var truncated = good[..15].Concat(new byte[] { 0xE2, 0x82 }).ToArray();

        Assert.Equal("not valid UTF-8 (bad byte near offset 15)", (await SplitAsync(bad, "data", 0, 4)).Split.Problem);
        Assert.Equal("not valid UTF-8 (the file ends inside a character, offset 15)", (await SplitAsync(truncated, "data", 0, 4)).Split.Problem);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 3)]
    [InlineData(3, 7)]
    [InlineData(4, 4096)]
    public async Task Random_records_split_at_any_read_size_come_back_member_for_member(int seed, int readSize)
    {
        var random = new Random(seed);
        var records = Enumerable.Range(0, 200).Select(_ => RandomObject(random, 0)).ToList();
        var indented = seed % 2 == 0;
        var envelope = new JsonObject { ["jsonrpc"] = "2.0", ["result"] = new JsonArray(records.Select(r => (JsonNode)r.DeepClone()).ToArray()), ["id"] = 7 };
        var bytes = Encoding.UTF8.GetBytes(envelope.ToJsonString(new JsonSerializerOptions { WriteIndented = indented }));

        var (split, lines) = await SplitAsync(bytes, "result", fileIndex: 5, readSize);

        Assert.Null(split.Problem);
        Assert.Equal(records.Count, lines.Count);
        for (var i = 0; i < records.Count; i++)
        {
            var line = JsonNode.Parse(lines[i])!.AsObject();
            Assert.Equal(5, line["_f"]!.GetValue<int>());
            Assert.Equal(i + 1, line["_o"]!.GetValue<int>());
            line.Remove("_f");
            line.Remove("_o");
            Assert.True(JsonNode.DeepEquals(records[i], line), $"record {i + 1}: {lines[i]}");
        }
    }

    private static JsonObject RandomObject(Random random, int depth)
    {
        var result = new JsonObject();
        for (var i = random.Next(0, 6); i > 0; i--)
            result[$"k{random.Next(1000)}_{i}"] = RandomValue(random, depth + 1);
        return result;
    }

    private static JsonNode? RandomValue(Random random, int depth) => random.Next(depth > 3 ? 4 : 6) switch
    {
        0 => JsonValue.Create(random.Next(-1000, 1000) / 7.0),
        1 => JsonValue.Create(RandomString(random)),
        2 => random.Next(2) == 0 ? JsonValue.Create(true) : null,
        3 => JsonValue.Create(random.Next()),
        4 => RandomObject(random, depth),
        _ => new JsonArray(Enumerable.Range(0, random.Next(4)).Select(_ => RandomValue(random, depth + 1)).ToArray()),
    };

    private static string RandomString(Random random)
    {
        const string alphabet = "ab{}[]\",:\\/\n\t é€😀";
        var builder = new StringBuilder();
        for (var i = random.Next(12); i > 0; i--)
        {
            var at = random.Next(alphabet.Length - 1);
            builder.Append(char.IsHighSurrogate(alphabet[at]) ? alphabet.Substring(at, 2) : char.IsLowSurrogate(alphabet[at]) ? "x" : alphabet[at].ToString());
        }

        return builder.ToString();
    }

    private static Task<(JsonSplit Split, List<string> Lines)> SplitAsync(string json, string? envelope, int fileIndex = 0) =>
        SplitAsync(Encoding.UTF8.GetBytes(json), envelope, fileIndex, 1 << 20);

    private static async Task<(JsonSplit Split, List<string> Lines)> SplitAsync(byte[] json, string? envelope, int fileIndex, int readSize)
    {
        using var output = new MemoryStream();
        var split = await JsonRecordSplitter.SplitAsync(new ChunkedReadStream(json, readSize), envelope, fileIndex, output, CancellationToken.None);
        var text = Encoding.UTF8.GetString(output.ToArray());
        Assert.True(split.Problem is not null || text.Length == 0 || text.EndsWith('\n'), "every staged line ends with a newline");
        return (split, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList());
    }
}

using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Analytics.Testing;
using DuckDB.NET.Data;
using Analytics.Warehouse.Arrow;
using Analytics.Warehouse.Loads.Staging;

namespace Analytics.Warehouse.Tests.Loads.Staging;

public sealed class JsonStagerTests
{
    private static readonly string[] Columns = ["a", "b", "c"];

    [Fact]
    public async Task Each_record_becomes_one_row_of_file_index_record_index_and_the_columns_in_table_order()
    {
        var json = "{\"meta\":{\"data\":[1]},\"data\":[{\"b\":\"x\",\"a\":1.50},{},{ \"c\" : [1, {\"d\":null}], \"zz\": {\"q\":\"}\"} }],\"jsonrpc\":\"2.0\"}";

        var (staged, rows) = await StageAsync(json, "data", fileIndex: 3);

        Assert.Equal(3, staged.Records);
        Assert.Empty(staged.SetAside);
        Assert.Equal(["3|1|1.50|x|NULL", "3|2|NULL|NULL|NULL", "3|3|NULL|NULL|[1, {\"d\":null}]"], rows);
    }

    [Fact]
    public async Task Strings_are_unescaped_an_empty_string_stays_apart_from_null_and_duckdb_reads_them_back_as_sent()
    {
        var json = "[{\"a\":\"\",\"b\":null,\"c\":\"say \\\"hi\\\"\\nnext line \\u00e9, \\ud83d\\ude00\"},{\"a\":true,\"b\":-1e3,\"c\":\"plain, with comma\"}]";

        var (_, rows) = await StageAsync(json, envelope: null);

        Assert.Equal(["0|1||NULL|say \"hi\"\nnext line é, 😀", "0|2|true|-1e3|plain, with comma"], rows);
    }

    [Fact]
    public async Task A_record_naming_a_column_twice_is_set_aside_with_its_text_and_still_counted()
    {
        var json = "{\"data\":[{\"a\":1},{\"a\":2,\"b\":3,\"a\":4},{\"zz\":1,\"zz\":2}]}";

        var (staged, rows) = await StageAsync(json, "data");

        Assert.Equal(3, staged.Records);
        var setAside = Assert.Single(staged.SetAside);
        Assert.Equal(new SetAsideRecord(0, 2, "has duplicate key \"a\"", "{\"a\":2,\"b\":3,\"a\":4}"), setAside);
        Assert.Equal(["0|1|1|NULL|NULL", "0|3|NULL|NULL|NULL"], rows);
    }

    [Theory]
    [InlineData("", "data", "the document is empty")]
    [InlineData("[]", "data", "the document is an array")]
    [InlineData("{\"data\":[1]}", "data", "record at byte 9 is a number, not an object")]
    [InlineData("[{},\"x\"]", null, "record at byte 4 is a string, not an object")]
    [InlineData("{\"data\":{\"a\":1}}", "data", "\"data\" is an object")]
    [InlineData("{\"errors\":[{\"code\":\"10009\"}]}", "data", "no \"data\" member")]
    public async Task A_payload_of_the_wrong_shape_is_a_problem_named_by_its_byte(string json, string? envelope, string expected)
    {
        var problem = await Assert.ThrowsAsync<StagingProblemException>(() => StageAsync(json, envelope));

        var shape = envelope is null ? "a JSON array of record objects" : $"a JSON object whose \"{envelope}\" member is an array of record objects";
        Assert.Equal($"is not {shape}: {expected}", problem.Message);
    }

    [Theory]
    [InlineData("{\"data\":[{\"a\":1},")]
    [InlineData("{\"data\":[{\"a\":1},]}")]
    [InlineData("{\"data\":[{\"a\":tru}]}")]
    [InlineData("{\"data\":[{\"a\":\"line\nbreak\"}]}")]
    [InlineData("{\"data\":[]} x")]
    public async Task Invalid_json_anywhere_is_a_problem_and_leaves_nothing_of_its_file_among_the_workers_rows(string json)
    {
        var rows = await ReadThroughDuckDbAsync(Columns, async writer =>
        {
            var columns = new RecordColumns(Columns);
            await JsonStager.StageAsync(Stream("{\"data\":[{\"a\":1}]}"), "data", columns, 0, writer, CancellationToken.None);
            var problem = await Assert.ThrowsAsync<StagingProblemException>(() =>
                JsonStager.StageAsync(Stream(json), "data", columns, 1, writer, CancellationToken.None));
            Assert.StartsWith("is not a JSON object whose \"data\" member is an array of record objects: ", problem.Message, StringComparison.Ordinal);
        });

        Assert.Equal(["0|1|1|NULL|NULL"], rows);
    }

    [Theory]
    [InlineData(1 << 16)]
    [InlineData(1 << 20)]
    public async Task Invalid_json_far_into_a_file_is_named_by_its_byte_in_the_file(int readSize)
    {
        var good = string.Concat(Enumerable.Repeat("{\"a\":\"" + new string('x', 1000) + "\"},", 3000));
        var json = "{\"data\":[" + good + "{\"a\":tru}]}";
        var bad = json.IndexOf("tru}", StringComparison.Ordinal);

        var problem = await Assert.ThrowsAsync<StagingProblemException>(() => StageAsync(Encoding.UTF8.GetBytes(json), "data", 0, readSize));

        var at = long.Parse(System.Text.RegularExpressions.Regex.Match(problem.Message, @"near byte (\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(at, bad - 8, bad + 4);
        Assert.DoesNotContain("LineNumber", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_utf8_is_named_by_offset_even_when_the_file_ends_inside_a_character()
    {
        var good = Encoding.UTF8.GetBytes("{\"data\":[{\"a\":\"é\"}]}");
        var bad = good[..15].Concat(new byte[] { 0xC3, 0x28 }).Concat(good[15..]).ToArray();
        var truncated = good[..15].Concat(new byte[] { 0xE2, 0x82 }).ToArray();

        Assert.EndsWith("is not valid UTF-8 (bad byte near offset 15)", (await Assert.ThrowsAsync<StagingProblemException>(() => StageAsync(bad, "data", 0, 4))).Message, StringComparison.Ordinal);
        Assert.EndsWith("is not valid UTF-8 (the file ends inside a character, offset 15)", (await Assert.ThrowsAsync<StagingProblemException>(() => StageAsync(truncated, "data", 0, 4))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_byte_order_mark_and_a_null_envelope_are_fine()
    {
        Assert.Equal(["0|1|1|NULL|NULL"], (await StageAsync("\uFEFF {\"data\":[{\"a\":1}]} \n", "data")).Rows);
        Assert.Equal(0, (await StageAsync("{\"data\":null}", "data")).Staged.Records);
    }

    [Fact]
    public async Task A_record_larger_than_the_read_buffer_is_staged_whole()
    {
        var big = new string('x', 3 << 20);
        var json = $"{{\"data\":[{{\"a\":1}},{{\"b\":\"{big}\",\"c\":{{\"n\":\"{big}\"}}}},{{\"a\":3}}]}}";

        var (staged, rows) = await StageAsync(Encoding.UTF8.GetBytes(json), "data", 0, 1 << 16);

        Assert.Equal(3, staged.Records);
        Assert.Equal(["0|1|1|NULL|NULL", $"0|2|NULL|{big}|{{\"n\":\"{big}\"}}", "0|3|3|NULL|NULL"], rows);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 3)]
    [InlineData(3, 7)]
    [InlineData(4, 4096)]
    public async Task Random_records_read_at_any_size_come_back_value_for_value_through_duckdb(int seed, int readSize)
    {
        var random = new Random(seed);
        var columns = Enumerable.Range(0, 12).Select(i => $"k{i}").ToArray();
        var records = Enumerable.Range(0, 150).Select(_ => RandomRecord(random, columns)).ToList();
        var envelope = new JsonObject { ["jsonrpc"] = "2.0", ["result"] = new JsonArray(records.Select(r => (JsonNode)r.DeepClone()).ToArray()), ["id"] = 7 };
        var bytes = Encoding.UTF8.GetBytes(envelope.ToJsonString(new JsonSerializerOptions { WriteIndented = seed % 2 == 0 }));

        var (staged, rows) = await StageAsync(bytes, "result", 5, readSize, columns);

        Assert.Equal(records.Count, staged.Records);
        Assert.Equal(records.Count, rows.Count);
        for (var i = 0; i < records.Count; i++)
        {
            var values = rows[i].Split('|');
            Assert.Equal(["5", (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)], values[..2]);
            for (var c = 0; c < columns.Length; c++)
                AssertValue(records[i].TryGetPropertyValue(columns[c], out var node) ? node : null, values[c + 2], $"record {i + 1} {columns[c]}");
        }
    }

    private static void AssertValue(JsonNode? expected, string actual, string what)
    {
        switch (expected)
        {
            case null:
                Assert.True(actual == "NULL", $"{what}: {actual}");
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                Assert.Equal(value.GetValue<string>(), actual);
                break;
            case JsonValue value:
                Assert.Equal(value.ToJsonString(), actual);
                break;
            default:
                Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(actual)), $"{what}: {actual}");
                break;
        }
    }

    private static JsonObject RandomRecord(Random random, string[] columns)
    {
        var record = new JsonObject();
        foreach (var column in columns.OrderBy(_ => random.Next()).Take(random.Next(columns.Length + 1)))
            record[column] = RandomValue(random, 0);
        if (random.Next(3) == 0)
            record["unknown"] = RandomValue(random, 0);
        return record;
    }

    private static JsonNode? RandomValue(Random random, int depth) => random.Next(depth > 2 ? 4 : 6) switch
    {
        0 => JsonValue.Create(random.Next(-1000, 1000) / 7.0),
        1 => JsonValue.Create(RandomString(random)),
        2 => random.Next(2) == 0 ? JsonValue.Create(false) : null,
        3 => JsonValue.Create(random.Next()),
        4 => new JsonObject { ["n"] = RandomValue(random, depth + 1), ["s"] = RandomString(random) },
        _ => new JsonArray(Enumerable.Range(0, random.Next(4)).Select(_ => RandomValue(random, depth + 1)).ToArray()),
    };

    private static string RandomString(Random random)
    {
        string[] pieces = ["a", "{", "}", "[", "]", "\"", ",", ":", "\\", "/", "\n", "\r\n", "\t", " ", "é", "€", "😀", "\"\""];
        var builder = new StringBuilder();
        for (var i = random.Next(10); i > 0; i--)
            builder.Append(pieces[random.Next(pieces.Length)]);
        return builder.ToString();
    }

    private static MemoryStream Stream(string json) => new(Encoding.UTF8.GetBytes(json));

    private static Task<(JsonStaged Staged, List<string> Rows)> StageAsync(string json, string? envelope, int fileIndex = 0) =>
        StageAsync(Encoding.UTF8.GetBytes(json), envelope, fileIndex, 1 << 20);

    private static async Task<(JsonStaged Staged, List<string> Rows)> StageAsync(byte[] json, string? envelope, int fileIndex, int readSize, string[]? columns = null)
    {
        JsonStaged? staged = null;
        var rows = await ReadThroughDuckDbAsync(columns ?? Columns, async writer =>
            staged = await JsonStager.StageAsync(new ChunkedReadStream(json, readSize), envelope, new RecordColumns(columns ?? Columns), fileIndex, writer, CancellationToken.None));
        return (staged!, rows);
    }

    // Staged rows the way the loader hands them over (RawInsert.Json): an Arrow stream DuckDB reads while staging
    // fills it. Each row comes back as "f|o|values", NULL for null, in record order.
    private static async Task<List<string>> ReadThroughDuckDbAsync(string[] names, Func<StagedRowsWriter, Task> stage)
    {
        await using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var stream = new ArrowRecordStream("an_f", "an_o", names);
        ArrowScan.Register(connection, "staged", stream);
        var read = Task.Factory.StartNew(() =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT concat_ws('|', an_f, an_o, {string.Join(", ", names.Select(c => $"coalesce(\"{c}\", 'NULL')"))}) FROM staged ORDER BY an_f, an_o";
            var rows = new List<string>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
                rows.Add(reader.GetString(0));
            return rows;
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            using (var writer = new StagedRowsWriter(new TextBatchBuilder(stream.Buffers), stream))
            {
                await stage(writer);
                writer.Publish(CancellationToken.None);
            }

            stream.Complete();
        }
        catch (Exception ex)
        {
            stream.Fail(ex.Message);
            await Assert.ThrowsAnyAsync<DuckDBException>(() => read);
            throw;
        }

        return await read;
    }
}

using System.Globalization;
using System.Text;

namespace Analytics.Warehouse.Mapping;

/// <summary>
/// The bulk statement that copies one landing file into its raw table, entirely inside DuckDB
/// (<c>read_csv</c> / <c>read_json</c> / <c>read_json_objects</c>): no row passes through .NET.
/// </summary>
internal static class RawInsert
{
    /// <summary>Temp tables DuckDB fills with the CSV lines it could not parse (wrong column count, bad quoting).</summary>
    public const string CsvRejectsTable = "an_csv_rejects";
    public const string CsvScansTable = "an_csv_scans";

    private const char OpenBrace = '{';
    private const char CloseBrace = '}';

    // An envelope page is read as one object and DuckDB allocates twice maximum_object_size per scan, so
    // the limit follows the file's own size: a 25 KB Telnyx page must not cost a 64 MB buffer.
    private const long MinObjectBytes = 1L << 20;

    private static long MaxObjectBytes(string path) =>
        (long)System.Numerics.BitOperations.RoundUpToPowerOf2((ulong)Math.Max(MinObjectBytes, new FileInfo(path).Length + 1));

    /// <summary>
    /// CSV: the header (already read and checked) names the columns, so any column order loads the same way;
    /// columns the raw table does not know are parsed and dropped, known ones that are absent stay NULL.
    /// Ordinal = data record number (1 = first row after the header), in file order.
    /// </summary>
    public static string Csv(FeedMapping mapping, long loadId, string path, IReadOnlyList<string> header)
    {
        var known = RawColumns.Of(mapping.RawTable);
        var columns = string.Join(", ", header.Select((h, i) => $"{SqlTemplates.Literal(ColumnName(header, i))}: 'VARCHAR'"));
        var present = known.Where(k => header.Contains(k, StringComparer.OrdinalIgnoreCase)).ToList();
        var select = string.Join(", ", present.Select(k => SqlTemplates.Identifier(ColumnName(header, IndexOf(header, k)))));
        var target = string.Join(", ", present.Select(SqlTemplates.Identifier));
        return $"""
            DROP TABLE IF EXISTS {CsvRejectsTable};
            DROP TABLE IF EXISTS {CsvScansTable};
            INSERT INTO {mapping.RawTable} (load_id, ordinal, {target})
            SELECT {loadId.ToString(CultureInfo.InvariantCulture)}, row_number() OVER (), {select}
            FROM read_csv({SqlTemplates.Literal(path)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
                          columns = {OpenBrace}{columns}{CloseBrace}, store_rejects = true, rejects_table = '{CsvRejectsTable}', rejects_scan = '{CsvScansTable}');
            """;
    }

    /// <summary>The lines DuckDB rejected while reading the CSV, one reject per line.</summary>
    public static string CsvRejects(FeedMapping mapping, long loadId, string file) => $"""
        INSERT INTO rejects (load_id, source, feed, file, ordinal, reason, raw)
        SELECT {loadId.ToString(CultureInfo.InvariantCulture)}, {SqlTemplates.Literal(mapping.Source)}, {SqlTemplates.Literal(mapping.Feed)},
               {SqlTemplates.Literal(file)}, line,
               'line ' || line || ': ' || arg_min(error_message, TRY_CAST(regexp_extract(error_message, 'Found: (\d+)', 1) AS INTEGER)),
               min(csv_line)
        FROM {CsvRejectsTable}
        GROUP BY line;
        """;

    /// <summary>JSON: one raw row per record; ordinal = 1-based index in the file's record array.</summary>
    public static string Json(FeedMapping mapping, long loadId, string path)
    {
        var known = RawColumns.Of(mapping.RawTable);
        var target = string.Join(", ", known.Select(SqlTemplates.Identifier));
        var id = loadId.ToString(CultureInfo.InvariantCulture);
        if (mapping.Shape == PayloadShape.JsonArray)
        {
            var columns = string.Join(", ", known.Select(k => $"{SqlTemplates.Literal(k)}: 'VARCHAR'"));
            return $"""
                INSERT INTO {mapping.RawTable} (load_id, ordinal, {target})
                SELECT {id}, row_number() OVER (), {target}
                FROM read_json({SqlTemplates.Literal(path)}, format = 'array', columns = {OpenBrace}{columns}{CloseBrace});
                """;
        }

        // Records as a STRUCT of VARCHAR fields: DuckDB parses each record once into columns (numbers and nested
        // objects arrive as their JSON text, absent keys as NULL) instead of re-parsing it for every `->>` field.
        var fields = new StringBuilder();
        var structType = string.Join(", ", known.Select(k => $"{SqlTemplates.Identifier(k)} VARCHAR"));
        foreach (var k in known)
            fields.Append(", t.r.").Append(SqlTemplates.Identifier(k));
        return $"""
            INSERT INTO {mapping.RawTable} (load_id, ordinal, {target})
            SELECT {id}, t.o{fields}
            FROM (SELECT unnest(e.env) AS r, generate_subscripts(e.env, 1) AS o
                  FROM read_json({SqlTemplates.Literal(path)}, format = 'auto', maximum_object_size = {MaxObjectBytes(path)},
                                 columns = {OpenBrace}{SqlTemplates.Literal(mapping.Envelope!)}: {SqlTemplates.Literal($"STRUCT({structType})[]")}{CloseBrace}) AS e(env)) t;
            """;
    }

    // Duplicate header names would make read_csv fail; later duplicates get a suffix and are never selected.
    private static string ColumnName(IReadOnlyList<string> header, int index)
    {
        var name = header[index];
        var earlier = header.Take(index).Count(h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));
        return earlier == 0 ? name : $"{name}__{earlier + 1}";
    }

    private static int IndexOf(IReadOnlyList<string> header, string name)
    {
        for (var i = 0; i < header.Count; i++)
        {
            if (string.Equals(header[i], name, StringComparison.OrdinalIgnoreCase))
                return i;
        }

        return -1;
    }
}

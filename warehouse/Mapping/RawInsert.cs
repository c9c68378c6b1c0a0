using System.Globalization;

namespace Analytics.Warehouse.Mapping;

/// <summary>
/// The bulk statements that copy staged landing files into their raw table, inside DuckDB: CSV through
/// <c>read_csv</c> (no row passes through .NET), JSON records from the Arrow batches staging built.
/// </summary>
internal static class RawInsert
{
    /// <summary>Temp tables DuckDB fills with the CSV lines it could not parse (wrong column count, bad quoting).</summary>
    public const string CsvRejectsTable = "an_csv_rejects";
    public const string CsvScansTable = "an_csv_scans";

    private const char OpenBrace = '{';
    private const char CloseBrace = '}';

    /// <summary>
    /// CSV, from the staged copies of a batch's files that share one header (first field: the record number), in one
    /// statement: every INSERT of a transaction keeps its last, partial row groups in memory until COMMIT, so one per
    /// file would run a batch of many small files out of the loader's pool. The header (already read and checked)
    /// names the columns, so any column order loads the same way; columns the raw table does not know are parsed and
    /// dropped, known ones that are absent stay NULL. DuckDB's CSV buffers (32 MB per reader by default) are held to
    /// 4 MB: they sit outside the loader's memory budget, and a larger one reads no faster (bench/ loads, 1M rows:
    /// 8 MB peaked at 250-278 MB of RSS, 4 MB at 248-257 MB, in the same time).
    /// </summary>
    /// <param name="loadIds">The load id of each staged file, in the order of <paramref name="stagedPaths"/>.</param>
    public static string Csv(FeedMapping mapping, IReadOnlyList<long> loadIds, IReadOnlyList<string> stagedPaths, IReadOnlyList<string> header)
    {
        var known = RawColumns.Of(mapping.RawTable);
        var columns = $"{SqlTemplates.Literal(Loads.Staging.CsvStager.OrdinalColumn)}: 'BIGINT', " +
                      string.Join(", ", header.Select((h, i) => $"{SqlTemplates.Literal(ColumnName(header, i))}: 'VARCHAR'"));
        var present = known.Where(k => header.Contains(k, StringComparer.OrdinalIgnoreCase)).ToList();
        var select = string.Join(", ", present.Select(k => SqlTemplates.Identifier(ColumnName(header, IndexOf(header, k)))));
        var target = string.Join(", ", present.Select(SqlTemplates.Identifier));
        return $"""
            DROP TABLE IF EXISTS {CsvRejectsTable};
            DROP TABLE IF EXISTS {CsvScansTable};
            INSERT INTO {mapping.RawTable} (load_id, ordinal, {target})
            SELECT {LoadIdOf(loadIds.Select((id, i) => ((long)i, id)).ToList(), "file_index")}, {Loads.Staging.CsvStager.OrdinalColumn}, {select}
            FROM read_csv([{string.Join(", ", stagedPaths.Select(SqlTemplates.Literal))}], header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
                          buffer_size = 4194304, columns = {OpenBrace}{columns}{CloseBrace}, store_rejects = true, rejects_table = '{CsvRejectsTable}', rejects_scan = '{CsvScansTable}');
            """;
    }

    /// <summary>
    /// The lines DuckDB rejected while reading the files of <see cref="Csv"/>, one reject per line, on the file it is
    /// in. Column counts and the line text are given as in the landed file: without the staged record-number field.
    /// </summary>
    /// <param name="loadIds">As given to <see cref="Csv"/>.</param>
    /// <param name="files">The landing-relative name of each file, in the same order.</param>
    public static string CsvRejects(FeedMapping mapping, IReadOnlyList<long> loadIds, IReadOnlyList<string> files) => $"""
        INSERT INTO rejects (load_id, source, feed, file, ordinal, reason, raw)
        SELECT {ByFile(loadIds.Select(i => i.ToString(CultureInfo.InvariantCulture)).ToList(), "file_id")}, {SqlTemplates.Literal(mapping.Source)}, {SqlTemplates.Literal(mapping.Feed)},
               {ByFile(files.Select(SqlTemplates.Literal).ToList(), "file_id")}, line,
               'line ' || line || ': ' || arg_min(
                   CASE WHEN regexp_matches(error_message, 'Expected Number of Columns: \d+ Found: \d+')
                        THEN 'Expected Number of Columns: ' || (CAST(regexp_extract(error_message, 'Expected Number of Columns: (\d+)', 1) AS INTEGER) - 1)
                             || ' Found: ' || (CAST(regexp_extract(error_message, 'Found: (\d+)', 1) AS INTEGER) - 1)
                        ELSE error_message END,
                   TRY_CAST(regexp_extract(error_message, 'Found: (\d+)', 1) AS INTEGER)),
               regexp_replace(min(csv_line), '^[0-9]+,', '')
        FROM {CsvRejectsTable}
        GROUP BY file_id, line;
        """;

    /// <summary>Lines DuckDB could not parse, per file of <see cref="Csv"/> (by its index there): (index, lines).</summary>
    public const string CsvUnparsedLines = $"SELECT CAST(file_id AS BIGINT), count(DISTINCT line) FROM {CsvRejectsTable} GROUP BY file_id";

    // The value of the file a row came from: one file needs no lookup.
    private static string ByFile(List<string> values, string fileIndexColumn) =>
        values.Count == 1 ? values[0] : $"[{string.Join(", ", values)}][CAST({fileIndexColumn} AS BIGINT) + 1]";

    /// <summary>
    /// The load id of a row's file from its index (<paramref name="indexColumn"/>). A batch's ids come from one sequence
    /// call, so they usually step with the index: an addition. Otherwise a list literal, which DuckDB copies for every
    /// chunk it reads: for a day of 20,000 Telnyx pages that cost 0.2-0.7 s per 1M records.
    /// </summary>
    private static string LoadIdOf(IReadOnlyList<(long Index, long LoadId)> files, string indexColumn)
    {
        var offset = files[0].LoadId - files[0].Index;
        if (files.All(f => f.LoadId - f.Index == offset))
            return string.Create(CultureInfo.InvariantCulture, $"(CAST({indexColumn} AS BIGINT) + {offset})");
        var byIndex = new long[files.Max(f => f.Index) + 1];
        foreach (var (index, loadId) in files)
            byIndex[index] = loadId;
        return $"[{SqlTemplates.Ids(byIndex)}][CAST({indexColumn} AS BIGINT) + 1]";
    }

    /// <summary>The temporary view over a batch's Arrow stream of JSON records (<see cref="Json"/>).</summary>
    public const string StreamView = "an_json_records";

    /// <summary>The stream's column of a record's file (its index in the batch).</summary>
    public const string FileIndexColumn = "an_f";

    /// <summary>The stream's column of a record's 1-based index in its file's record array.</summary>
    public const string OrdinalColumn = "an_o";

    /// <summary>
    /// JSON: every record of the batch, from the Arrow stream staging fills (<see cref="StreamView"/>), in one parallel
    /// insert. The file index picks the load id of the landed file a row came from.
    /// </summary>
    /// <param name="files">The staging index and load id of each landed file.</param>
    public static string Json(FeedMapping mapping, IReadOnlyList<(long Index, long LoadId)> files)
    {
        var target = string.Join(", ", RawColumns.Of(mapping.RawTable).Select(SqlTemplates.Identifier));
        return $"""
            INSERT INTO {mapping.RawTable} (load_id, ordinal, {target})
            SELECT {LoadIdOf(files, FileIndexColumn)}, {OrdinalColumn}, {target}
            FROM {StreamView};
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

using System.Data.Common;
using Analytics.Warehouse.Mapping;

namespace Analytics.Warehouse.Loads;

/// <summary>
/// Writes <c>calls</c>, <c>call_legs</c> (the legs of forwarded Telgorithm calls) and <c>sms</c> as Parquet for analysts,
/// partitioned by source and UTC day (<c>DIR/calls/source=…/day=…/*.parquet</c>), from a read-only connection: DuckDB's
/// own COPY does the work.
/// </summary>
public static class ParquetExport
{
    /// <summary>The tables written, each with the time its day partition comes from.</summary>
    public static IReadOnlyList<(string Table, string Time)> Tables { get; } = [("calls", "started_at"), ("call_legs", "started_at"), ("sms", "sent_at")];

    public static async Task ExportAsync(DbConnection readOnlyConnection, string directory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(readOnlyConnection);
        var root = Path.GetFullPath(directory);
        Directory.CreateDirectory(root);
        foreach (var (table, time) in Tables)
        {
            var target = SqlTemplates.Literal(Path.Combine(root, table));
            await Sql.ExecAsync(readOnlyConnection, $"""
                SET TimeZone = 'UTC';
                COPY (SELECT *, CAST({time} AS DATE) AS day FROM {table} ORDER BY source, {time})
                TO {target} (FORMAT parquet, PARTITION_BY (source, day), OVERWRITE_OR_IGNORE true);
                """, cancellationToken);
        }
    }
}

using System.Data.Common;

namespace Analytics.Warehouse.Loads;

/// <summary>
/// The load's share of DuckDB's memory (see <see cref="WarehouseBudget"/>: a report running meanwhile in the same
/// process adds its own). Every step streams or spills to DuckDB's temp directory; DuckDB's memory outside the pool
/// (readers' and compressors' state) comes on top. Row order is not preserved on insert (it would serialise the
/// parallel reads); raw rows carry their ordinal instead.
/// </summary>
internal static class LoadBudget
{
    /// <summary>
    /// The pool while mapping and writing the ledger: keeps a 1M-record load under 300 MB of process RSS (bench/ loads:
    /// 250-270 MB). 160 MB loads a 1M-row CSV 10% faster but peaks above 300 MB.
    /// </summary>
    public static WarehouseBudget Mapping { get; } = new("112MB", PreserveInsertionOrder: false);

    /// <summary>
    /// The pool while DuckDB reads staged rows (CSV files, or the Arrow batches of JSON records) into their raw table:
    /// the CSV reader's buffers sit outside the pool, so this step peaks close to the mapping. 96 MB reads as fast as
    /// 112 MB and peaks 20-30 MB lower (bench/ loads, 1M rows: 235-261 MB against 250-284 MB); 128 MB was no faster
    /// within the bench's noise and took the CSV load to 256-318 MB.
    /// </summary>
    public static WarehouseBudget Reading { get; } = new("96MB", PreserveInsertionOrder: false);

    /// <summary>The mapping's budget, from the start of a load and after each read.</summary>
    public static void Map(DbConnection connection) => WarehouseDatabase.ChangeBudget(connection, Mapping);

    /// <summary>The read's budget; a failed read fails the load, so it is only restored (<see cref="Map"/>) after success.</summary>
    public static void Read(DbConnection connection) => WarehouseDatabase.ChangeBudget(connection, Reading);
}

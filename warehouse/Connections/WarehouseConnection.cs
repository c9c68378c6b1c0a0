using DuckDB.NET.Data;

namespace Analytics.Warehouse.Connections;

/// <summary>
/// A DuckDB.NET connection the facade opened: closing it goes through <see cref="OpenInstances"/>, so the instance's
/// budget and the guard of read-only against read-write stay true.
/// </summary>
internal sealed class WarehouseConnection(string connectionString, string path, bool readOnly, WarehouseBudget? budget) : DuckDBConnection(connectionString)
{
    /// <summary>The full path of the file (the instance's key).</summary>
    public string FilePath { get; } = path;

    /// <summary>Whether this connection was asked for read-only (it may still share a read-write instance).</summary>
    public bool ReadOnlyRequested { get; } = readOnly;

    /// <summary>This use's budget, or null for DuckDB's default.</summary>
    public WarehouseBudget? Budget { get; set; } = budget;

    public override void Close()
    {
        if (State == System.Data.ConnectionState.Closed)
            return;
        OpenInstances.Close(this, base.Close);
    }
}

using System.Data.Common;
using Analytics.Warehouse.Connections;
using Analytics.Warehouse.Schema;

namespace Analytics.Warehouse;

/// <summary>
/// The way into the warehouse file, and the only one: the provider (DuckDB.NET) stays behind it. Connections come back
/// as <see cref="DbConnection"/> for Dapper. Opening fails with <see cref="WarehouseLockedException"/> when another
/// process holds the file, or <see cref="WarehouseException"/> for any other reason; statements fail with the
/// provider's <see cref="DbException"/>, whose message is DuckDB's.
/// </summary>
public static class WarehouseDatabase
{
    // Connections of one process share one DuckDB instance: two applying the script at once would fail with a
    // write-write conflict on the catalog, so the check-and-apply is serialised, and skipped once current.
    private static readonly Lock SchemaGate = new();

    /// <summary>
    /// Opens <paramref name="path"/> read-write (creating it and its directory if needed) and applies
    /// <c>schema.sql</c>. Fails at once, naming the holder, when another process has the file open.
    /// </summary>
    public static DbConnection OpenReadWrite(string path, WarehouseBudget? budget = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var connection = OpenInstances.Connect(full, readOnly: false, budget);
        try
        {
            lock (SchemaGate)
            {
                if (SchemaBootstrapper.CurrentVersion(connection) != SchemaBootstrapper.ScriptVersion)
                    SchemaBootstrapper.Apply(connection);
            }

            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Opens an existing warehouse file read-only; a missing file is a <see cref="FileNotFoundException"/>.</summary>
    public static DbConnection OpenReadOnly(string path, WarehouseBudget? budget = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new FileNotFoundException($"warehouse file {full} does not exist", full);
        return OpenInstances.Connect(full, readOnly: true, budget);
    }

    /// <summary>
    /// <see cref="OpenReadWrite"/>, waiting while another process holds the file (an analyst's read-only session):
    /// <paramref name="wait"/> is told once, then it tries again until the lock is free or its bound has passed, and
    /// then throws the <see cref="WarehouseLockedException"/> naming the holder.
    /// </summary>
    public static Task<DbConnection> OpenReadWriteAsync(string path, LockWait wait, WarehouseBudget? budget, CancellationToken cancellationToken) =>
        LockWaiting.OpenAsync(() => OpenReadWrite(path, budget), wait, cancellationToken);

    /// <summary><see cref="OpenReadOnly"/>, waiting as <see cref="OpenReadWriteAsync"/> does while a load holds the file.</summary>
    public static Task<DbConnection> OpenReadOnlyAsync(string path, LockWait wait, WarehouseBudget? budget, CancellationToken cancellationToken) =>
        LockWaiting.OpenAsync(() => OpenReadOnly(path, budget), wait, cancellationToken);

    /// <summary>Changes the budget of a connection this facade opened (see <see cref="WarehouseBudget"/>).</summary>
    public static void ChangeBudget(DbConnection connection, WarehouseBudget? budget)
    {
        if (connection is not WarehouseConnection warehouse)
            throw new ArgumentException("not a connection opened by WarehouseDatabase", nameof(connection));
        OpenInstances.ChangeBudget(warehouse, budget);
    }
}

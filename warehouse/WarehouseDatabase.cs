using Analytics.Warehouse.DuckDb;
using Analytics.Warehouse.Schema;

namespace Analytics.Warehouse;

/// <summary>
/// The way into the warehouse file. <see cref="OpenReadWrite"/> creates the directory and applies the
/// schema; <see cref="OpenReadOnly"/> opens an existing file for readers. Both return an open
/// <see cref="DuckDbConnection"/> the caller disposes; use it with Dapper or <see cref="DuckDbConnection.CreateAppender"/>.
/// </summary>
public static class WarehouseDatabase
{
    // Connections of one process share one DuckDB instance: two applying the script at once would fail with a
    // write-write conflict on the catalog, so the check-and-apply is serialised, and skipped once current.
    private static readonly Lock SchemaGate = new();

    /// <summary>
    /// Opens <paramref name="path"/> read-write (creating it and its directory if needed) and applies
    /// <c>schema.sql</c>. Fails fast, naming the holder, when another process has the file open.
    /// </summary>
    public static DuckDbConnection OpenReadWrite(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = path == DatabaseCache.InMemory ? path : Path.GetFullPath(path);
        if (full != DatabaseCache.InMemory)
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var connection = new DuckDbConnection(DuckDbConnectionString.For(full, readOnly: false));
        try
        {
            connection.Open();
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
    public static DuckDbConnection OpenReadOnly(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new FileNotFoundException($"warehouse file {full} does not exist", full);
        var connection = new DuckDbConnection(DuckDbConnectionString.For(full, readOnly: true));
        try
        {
            connection.Open();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Opens the warehouse named by <paramref name="options"/> read-write (see <see cref="OpenReadWrite"/>).</summary>
    public static DuckDbConnection OpenReadWrite(WarehouseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return OpenReadWrite(options.Path);
    }

    /// <summary>Opens the warehouse named by <paramref name="options"/> read-only (see <see cref="OpenReadOnly"/>).</summary>
    public static DuckDbConnection OpenReadOnly(WarehouseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return OpenReadOnly(options.Path);
    }
}

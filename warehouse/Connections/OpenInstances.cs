using System.Data.Common;
using System.Globalization;
using DuckDB.NET.Data;

namespace Analytics.Warehouse.Connections;

/// <summary>
/// Which warehouse files this process has open, how, and under what budget. DuckDB.NET keeps one native instance per
/// file per process and hands it to every later connection whatever their connection string says, so:
/// <list type="bullet">
/// <item>a read-write request while the file is open read-only here would get a read-only instance: refused;</item>
/// <item>settings are the instance's: <c>memory_limit</c> is kept at the sum of the open connections' budgets.</item>
/// </list>
/// Process-wide because DuckDB.NET's instance cache is: this mirrors it. Opens and closes are serialised, so a close
/// that ends an instance (and checkpoints it) never races an open of the same file.
/// </summary>
internal static class OpenInstances
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, Instance> Open = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Opens a connection to <paramref name="path"/> (a full path); lock conflicts are <see cref="WarehouseLockedException"/>.</summary>
    public static WarehouseConnection Connect(string path, bool readOnly, WarehouseBudget? budget)
    {
        lock (Gate)
        {
            Open.TryGetValue(path, out var instance);
            if (instance is { ReadOnly: true } && !readOnly)
            {
                throw new WarehouseException(
                    $"warehouse file {path} is already open read-only in this process; close those connections before opening it read-write");
            }

            var connection = new WarehouseConnection(ConnectionString(path, readOnly), path, readOnly, budget);
            try
            {
                connection.Open();
            }
            catch (DuckDBException ex)
            {
                connection.Dispose();
                throw Failure(path, readOnly, ex);
            }

            instance ??= new Instance(readOnly);
            instance.Connections.Add(connection);
            Open[path] = instance;
            try
            {
                Apply(instance, connection);
            }
            catch
            {
                connection.Dispose();
                throw;
            }

            return connection;
        }
    }

    /// <summary>Changes <paramref name="connection"/>'s budget (and so its instance's limit).</summary>
    public static void ChangeBudget(WarehouseConnection connection, WarehouseBudget? budget)
    {
        lock (Gate)
        {
            connection.Budget = budget;
            Apply(Open[connection.FilePath], connection);
        }
    }

    /// <summary>Takes <paramref name="connection"/>'s budget off its instance, then closes it with <paramref name="close"/>.</summary>
    public static void Close(WarehouseConnection connection, Action close)
    {
        lock (Gate)
        {
            if (!Open.TryGetValue(connection.FilePath, out var instance) || !instance.Connections.Remove(connection))
            {
                close();
                return;
            }

            if (instance.Connections.Count > 0)
            {
                try
                {
                    connection.Budget = null;
                    Apply(instance, connection);
                }
                catch (DbException)
                {
                    // DuckDB could not lower the limit now (the others' memory is in use): it stays higher until the
                    // next change. Nobody's budget shrank.
                }
            }
            else
            {
                Open.Remove(connection.FilePath);
            }

            close();
        }
    }

    // Sets the instance's settings from its connections' budgets, through `via` (a connection of the instance whose
    // owner is calling: the facade never runs a statement on another use's connection).
    private static void Apply(Instance instance, DuckDBConnection via)
    {
        var budgets = instance.Connections.Select(c => c.Budget).OfType<WarehouseBudget>().ToList();
        long? limit = budgets.Count == 0 ? null : budgets.Sum(b => b.Bytes);
        var preserveOrder = budgets.All(b => b.PreserveInsertionOrder);
        var sql = new List<string>();
        if (limit != instance.Limit)
        {
            sql.Add(limit is { } bytes
                ? string.Create(CultureInfo.InvariantCulture, $"SET memory_limit = '{Math.Max(1, bytes / 1024)}KiB'")
                : "RESET memory_limit");
        }

        if (preserveOrder != instance.PreserveInsertionOrder)
            sql.Add($"SET preserve_insertion_order = {(preserveOrder ? "true" : "false")}");
        if (sql.Count == 0)
            return;
        using var command = via.CreateCommand();
        command.CommandText = string.Join(";\n", sql);
        command.ExecuteNonQuery();
        (instance.Limit, instance.PreserveInsertionOrder) = (limit, preserveOrder);
    }

    private static string ConnectionString(string path, bool readOnly)
    {
        var builder = new DuckDBConnectionStringBuilder { DataSource = path };
        if (readOnly)
            builder["access_mode"] = "READ_ONLY";
        return builder.ConnectionString;
    }

    // DuckDB's open error, in the facade's terms. A lock conflict met by a writer is probed once more read-only: if
    // that opens, the holder has a shared (read-only) lock; if not, it is a writer. A reader is only ever stopped by
    // a writer.
    private static WarehouseException Failure(string path, bool readOnly, DuckDBException ex)
    {
        var access = readOnly ? WarehouseAccess.ReadWrite : WarehouseAccess.Unknown;
        if (LockMessage.Holder(ex.Message, access) is not { } holder)
            return new WarehouseException($"warehouse file {path} could not be opened: {LockMessage.OneLine(ex.Message)}", ex);
        if (!readOnly)
            holder = holder with { Access = HolderIsReader(path) ? WarehouseAccess.ReadOnly : WarehouseAccess.ReadWrite };
        var advice = readOnly ? "wait for it to finish" : "close it first";
        return new WarehouseLockedException(path, holder, $"warehouse file {path} is locked by {holder}; {advice}", ex);
    }

    private static bool HolderIsReader(string path)
    {
        try
        {
            using var probe = new DuckDBConnection(ConnectionString(path, readOnly: true));
            probe.Open();
            return true;
        }
        catch (DuckDBException)
        {
            return false;
        }
    }

    private sealed class Instance(bool readOnly)
    {
        public bool ReadOnly { get; } = readOnly;

        public List<WarehouseConnection> Connections { get; } = [];

        /// <summary>The memory_limit last set, in bytes; null while DuckDB's default applies.</summary>
        public long? Limit { get; set; }

        public bool PreserveInsertionOrder { get; set; } = true;
    }
}

using System.Runtime.InteropServices;
using DuckDB.NET.Data;

namespace Analytics.Warehouse.Arrow;

/// <summary>
/// The one native call DuckDB.NET lacks: <c>duckdb_arrow_scan</c>, which registers an Arrow C stream as a temporary
/// view of a connection. Bound to <c>duckdb</c>, the name DuckDB.NET.Bindings' own imports use, so the runtime resolves
/// it to the same libduckdb (the package's runtimes/&lt;rid&gt;/native) and the connection handle belongs to it.
/// </summary>
internal static partial class ArrowScan
{
    /// <summary>
    /// Registers <paramref name="stream"/> as the temporary view <paramref name="viewName"/> of <paramref name="connection"/>.
    /// DuckDB reads it once, in the first statement that scans the view; the stream must outlive that statement, and
    /// the view is the caller's to drop.
    /// </summary>
    public static unsafe void Register(DuckDBConnection connection, string viewName, ArrowRecordStream stream) =>
        Register(connection, viewName, (nint)stream.Native);

    /// <summary>As above, for any Arrow C stream (<c>struct ArrowArrayStream*</c>), e.g. one Apache.Arrow exported.</summary>
    public static void Register(DuckDBConnection connection, string viewName, nint stream)
    {
        var handle = connection.NativeConnection;
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            if (Scan(handle.DangerousGetHandle(), viewName, stream) != 0)
                throw new InvalidOperationException($"DuckDB did not take the Arrow stream for view {viewName}");
        }
        finally
        {
            if (added)
                handle.DangerousRelease();
        }
    }

    [LibraryImport("duckdb", EntryPoint = "duckdb_arrow_scan", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Scan(nint connection, string tableName, nint stream);
}

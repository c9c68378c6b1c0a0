using System.Runtime.InteropServices;

namespace Analytics.Warehouse.DuckDb.Native;

/// <summary>
/// The DuckDB C API (duckdb.h, 1.x) as used by the provider. Handles are raw pointers here; ownership
/// lives in the <see cref="SafeHandle"/> types beside this file. <c>duckdb_state</c> is 0 for success.
/// Strings returned as <c>const char*</c> are owned by DuckDB and decoded with <see cref="Utf8"/>.
/// </summary>
internal static unsafe partial class NativeMethods
{
    private const string Lib = LibraryResolver.LibraryName;

    static NativeMethods() => LibraryResolver.Register();

    public static string? Utf8(nint text) => text == 0 ? null : Marshal.PtrToStringUTF8(text);

    // Database, configuration, connection.
    [LibraryImport(Lib, EntryPoint = "duckdb_open_ext", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, out nint database, nint config, out nint error);

    [LibraryImport(Lib, EntryPoint = "duckdb_close")]
    public static partial void Close(ref nint database);

    [LibraryImport(Lib, EntryPoint = "duckdb_create_config")]
    public static partial int CreateConfig(out nint config);

    [LibraryImport(Lib, EntryPoint = "duckdb_set_config", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int SetConfig(nint config, string name, string option);

    [LibraryImport(Lib, EntryPoint = "duckdb_destroy_config")]
    public static partial void DestroyConfig(ref nint config);

    [LibraryImport(Lib, EntryPoint = "duckdb_connect")]
    public static partial int Connect(nint database, out nint connection);

    [LibraryImport(Lib, EntryPoint = "duckdb_disconnect")]
    public static partial void Disconnect(ref nint connection);

    [LibraryImport(Lib, EntryPoint = "duckdb_interrupt")]
    public static partial void Interrupt(nint connection);

    // Arrow: a caller's ArrowArrayStream as a temporary view.
    [LibraryImport(Lib, EntryPoint = "duckdb_arrow_scan", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int ArrowScan(nint connection, string tableName, nint stream);

    [LibraryImport(Lib, EntryPoint = "duckdb_free")]
    public static partial void Free(nint pointer);

    [LibraryImport(Lib, EntryPoint = "duckdb_vector_size")]
    public static partial ulong VectorSize();

    // Statements.
    [LibraryImport(Lib, EntryPoint = "duckdb_extract_statements", StringMarshalling = StringMarshalling.Utf8)]
    public static partial ulong ExtractStatements(nint connection, string query, out nint extracted);

    [LibraryImport(Lib, EntryPoint = "duckdb_extract_statements_error")]
    public static partial nint ExtractStatementsError(nint extracted);

    [LibraryImport(Lib, EntryPoint = "duckdb_prepare_extracted_statement")]
    public static partial int PrepareExtracted(nint connection, nint extracted, ulong index, out nint prepared);

    [LibraryImport(Lib, EntryPoint = "duckdb_destroy_extracted")]
    public static partial void DestroyExtracted(ref nint extracted);

    [LibraryImport(Lib, EntryPoint = "duckdb_prepare_error")]
    public static partial nint PrepareError(nint prepared);

    [LibraryImport(Lib, EntryPoint = "duckdb_destroy_prepare")]
    public static partial void DestroyPrepare(ref nint prepared);

    [LibraryImport(Lib, EntryPoint = "duckdb_nparams")]
    public static partial ulong ParameterCount(nint prepared);

    [LibraryImport(Lib, EntryPoint = "duckdb_parameter_name")]
    public static partial nint ParameterName(nint prepared, ulong index);

    [LibraryImport(Lib, EntryPoint = "duckdb_bind_parameter_index", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int BindParameterIndex(nint prepared, out ulong index, string name);

    [LibraryImport(Lib, EntryPoint = "duckdb_clear_bindings")]
    public static partial int ClearBindings(nint prepared);

    [LibraryImport(Lib, EntryPoint = "duckdb_execute_prepared")]
    public static partial int ExecutePrepared(nint prepared, DuckDbResultStruct* result);

    [LibraryImport(Lib, EntryPoint = "duckdb_execute_prepared_streaming")]
    public static partial int ExecutePreparedStreaming(nint prepared, DuckDbResultStruct* result);

    // Binding.
    [LibraryImport(Lib, EntryPoint = "duckdb_bind_boolean")]
    public static partial int BindBoolean(nint prepared, ulong index, byte value);

    [LibraryImport(Lib, EntryPoint = "duckdb_bind_int8")]
    public static partial int BindInt8(nint prepared, ulong index, sbyte value);

    [LibraryImport(Lib, EntryPoint = "duckdb_bind_int16")]
    public static partial int BindInt16(nint prepared, ulong index, short value);

    [LibraryImport(Lib, EntryPoint = "duckdb_bind_int32")]
    public static partial int BindInt32(nint prepared, ulong index, int value);

    [LibraryImport(Lib, EntryPoint = "duckdb_bind_int64")]
    public static partial int BindInt64(nint prepared, ulong index, long value);

    [LibraryImport(Lib, EntryPoint = "duckdb_bind_hugeint")]
    public static partial int BindHugeInt(nint prepared, ulong index, DuckDbHugeInt value);

    [LibraryImport(Lib, EntryPoint = "duckdb_bind_uhugeint")]
    public static partial int BindUHugeInt(nint prepared, ulong index, DuckDbHugeInt value);

    [LibraryImport(Lib, EntryPoint = "duckdb_bind_uint8")]
    public static partial int BindUInt8(nint prepared, ulong index, byte value);

    [LibraryImport(Lib, EntryPoint = "duckdb_bind_uint16")]
    public static partial int BindUInt16(nint prepared, ulong index, ushort value);

    [LibraryImport(Lib, EntryPoint = "duckdb_bind_uint32")]
    public static partial int BindUInt32(nint prepared, ulong index, uint value);

    [LibraryImport(Lib, EntryPoint = "duckdb_bind_uint64")]
    public static partial int BindUInt64(nint prepared, ulong index, ulong value);

    [LibraryImport(Lib, EntryPoint = "duckdb_bind_float")]
    public static partial int BindFloat(nint prepared, ulong index, float value);

    [LibraryImport(Lib, EntryPoint = "duckdb_bind_double")]
    public static partial int BindDouble(nint prepared, ulong index, double value);

    [LibraryImport(Lib, EntryPoint = "duckdb_bind_decimal")]
    public static partial int BindDecimal(nint prepared, ulong index, DuckDbDecimalStruct value);

    [LibraryImport(Lib, EntryPoint = "duckdb_bind_date")]
    public static partial int BindDate(nint prepared, ulong index, int days);

    [LibraryImport(Lib, EntryPoint = "duckdb_bind_time")]
    public static partial int BindTime(nint prepared, ulong index, long micros);

    [LibraryImport(Lib, EntryPoint = "duckdb_bind_timestamp")]
    public static partial int BindTimestamp(nint prepared, ulong index, long micros);

    [LibraryImport(Lib, EntryPoint = "duckdb_bind_timestamp_tz")]
    public static partial int BindTimestampTz(nint prepared, ulong index, long micros);

    [LibraryImport(Lib, EntryPoint = "duckdb_bind_interval")]
    public static partial int BindInterval(nint prepared, ulong index, DuckDbIntervalStruct value);

    [LibraryImport(Lib, EntryPoint = "duckdb_bind_varchar_length")]
    public static partial int BindVarchar(nint prepared, ulong index, byte* value, ulong length);

    [LibraryImport(Lib, EntryPoint = "duckdb_bind_blob")]
    public static partial int BindBlob(nint prepared, ulong index, byte* value, ulong length);

    [LibraryImport(Lib, EntryPoint = "duckdb_bind_null")]
    public static partial int BindNull(nint prepared, ulong index);

    // Results.
    [LibraryImport(Lib, EntryPoint = "duckdb_destroy_result")]
    public static partial void DestroyResult(DuckDbResultStruct* result);

    [LibraryImport(Lib, EntryPoint = "duckdb_result_error")]
    public static partial nint ResultError(DuckDbResultStruct* result);

    [LibraryImport(Lib, EntryPoint = "duckdb_result_error_type")]
    public static partial int ResultErrorType(DuckDbResultStruct* result);

    [LibraryImport(Lib, EntryPoint = "duckdb_result_return_type")]
    public static partial DuckDbResultType ResultReturnType(DuckDbResultStruct result);

    [LibraryImport(Lib, EntryPoint = "duckdb_rows_changed")]
    public static partial ulong RowsChanged(DuckDbResultStruct* result);

    [LibraryImport(Lib, EntryPoint = "duckdb_column_count")]
    public static partial ulong ColumnCount(DuckDbResultStruct* result);

    [LibraryImport(Lib, EntryPoint = "duckdb_column_name")]
    public static partial nint ColumnName(DuckDbResultStruct* result, ulong column);

    [LibraryImport(Lib, EntryPoint = "duckdb_column_logical_type")]
    public static partial nint ColumnLogicalType(DuckDbResultStruct* result, ulong column);

    [LibraryImport(Lib, EntryPoint = "duckdb_fetch_chunk")]
    public static partial nint FetchChunk(DuckDbResultStruct result);
}

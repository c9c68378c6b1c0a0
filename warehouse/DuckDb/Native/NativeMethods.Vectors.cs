using System.Runtime.InteropServices;

namespace Analytics.Warehouse.DuckDb.Native;

/// <summary>Data chunks, vectors, logical types and the appender.</summary>
internal static unsafe partial class NativeMethods
{
    // Data chunks and vectors.
    [LibraryImport(Lib, EntryPoint = "duckdb_create_data_chunk")]
    public static partial nint CreateDataChunk(nint* types, ulong columnCount);

    [LibraryImport(Lib, EntryPoint = "duckdb_destroy_data_chunk")]
    public static partial void DestroyDataChunk(ref nint chunk);

    [LibraryImport(Lib, EntryPoint = "duckdb_data_chunk_reset")]
    public static partial void DataChunkReset(nint chunk);

    [LibraryImport(Lib, EntryPoint = "duckdb_data_chunk_get_size")]
    public static partial ulong DataChunkGetSize(nint chunk);

    [LibraryImport(Lib, EntryPoint = "duckdb_data_chunk_set_size")]
    public static partial void DataChunkSetSize(nint chunk, ulong size);

    [LibraryImport(Lib, EntryPoint = "duckdb_data_chunk_get_vector")]
    public static partial nint DataChunkGetVector(nint chunk, ulong column);

    [LibraryImport(Lib, EntryPoint = "duckdb_vector_get_data")]
    public static partial void* VectorGetData(nint vector);

    [LibraryImport(Lib, EntryPoint = "duckdb_vector_get_validity")]
    public static partial ulong* VectorGetValidity(nint vector);

    [LibraryImport(Lib, EntryPoint = "duckdb_vector_ensure_validity_writable")]
    public static partial void VectorEnsureValidityWritable(nint vector);

    [LibraryImport(Lib, EntryPoint = "duckdb_vector_assign_string_element_len")]
    public static partial void VectorAssignStringElement(nint vector, ulong index, byte* text, ulong length);

    [LibraryImport(Lib, EntryPoint = "duckdb_list_vector_get_child")]
    public static partial nint ListVectorGetChild(nint vector);

    [LibraryImport(Lib, EntryPoint = "duckdb_array_vector_get_child")]
    public static partial nint ArrayVectorGetChild(nint vector);

    [LibraryImport(Lib, EntryPoint = "duckdb_struct_vector_get_child")]
    public static partial nint StructVectorGetChild(nint vector, ulong index);

    // Logical types.
    [LibraryImport(Lib, EntryPoint = "duckdb_create_logical_type")]
    public static partial nint CreateLogicalType(DuckDbType type);

    [LibraryImport(Lib, EntryPoint = "duckdb_destroy_logical_type")]
    public static partial void DestroyLogicalType(ref nint type);

    [LibraryImport(Lib, EntryPoint = "duckdb_get_type_id")]
    public static partial DuckDbType GetTypeId(nint type);

    [LibraryImport(Lib, EntryPoint = "duckdb_decimal_width")]
    public static partial byte DecimalWidth(nint type);

    [LibraryImport(Lib, EntryPoint = "duckdb_decimal_scale")]
    public static partial byte DecimalScale(nint type);

    [LibraryImport(Lib, EntryPoint = "duckdb_decimal_internal_type")]
    public static partial DuckDbType DecimalInternalType(nint type);

    [LibraryImport(Lib, EntryPoint = "duckdb_enum_internal_type")]
    public static partial DuckDbType EnumInternalType(nint type);

    [LibraryImport(Lib, EntryPoint = "duckdb_enum_dictionary_size")]
    public static partial uint EnumDictionarySize(nint type);

    [LibraryImport(Lib, EntryPoint = "duckdb_enum_dictionary_value")]
    public static partial nint EnumDictionaryValue(nint type, ulong index);

    [LibraryImport(Lib, EntryPoint = "duckdb_list_type_child_type")]
    public static partial nint ListTypeChildType(nint type);

    [LibraryImport(Lib, EntryPoint = "duckdb_array_type_child_type")]
    public static partial nint ArrayTypeChildType(nint type);

    [LibraryImport(Lib, EntryPoint = "duckdb_array_type_array_size")]
    public static partial ulong ArrayTypeArraySize(nint type);

    [LibraryImport(Lib, EntryPoint = "duckdb_map_type_key_type")]
    public static partial nint MapTypeKeyType(nint type);

    [LibraryImport(Lib, EntryPoint = "duckdb_map_type_value_type")]
    public static partial nint MapTypeValueType(nint type);

    [LibraryImport(Lib, EntryPoint = "duckdb_struct_type_child_count")]
    public static partial ulong StructTypeChildCount(nint type);

    [LibraryImport(Lib, EntryPoint = "duckdb_struct_type_child_name")]
    public static partial nint StructTypeChildName(nint type, ulong index);

    [LibraryImport(Lib, EntryPoint = "duckdb_struct_type_child_type")]
    public static partial nint StructTypeChildType(nint type, ulong index);

    // Appender.
    [LibraryImport(Lib, EntryPoint = "duckdb_appender_create", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int AppenderCreate(nint connection, string? schema, string table, out nint appender);

    [LibraryImport(Lib, EntryPoint = "duckdb_appender_error")]
    public static partial nint AppenderError(nint appender);

    [LibraryImport(Lib, EntryPoint = "duckdb_appender_column_count")]
    public static partial ulong AppenderColumnCount(nint appender);

    [LibraryImport(Lib, EntryPoint = "duckdb_appender_column_type")]
    public static partial nint AppenderColumnType(nint appender, ulong column);

    [LibraryImport(Lib, EntryPoint = "duckdb_append_data_chunk")]
    public static partial int AppendDataChunk(nint appender, nint chunk);

    [LibraryImport(Lib, EntryPoint = "duckdb_appender_flush")]
    public static partial int AppenderFlush(nint appender);

    [LibraryImport(Lib, EntryPoint = "duckdb_appender_close")]
    public static partial int AppenderClose(nint appender);

    [LibraryImport(Lib, EntryPoint = "duckdb_appender_destroy")]
    public static partial int AppenderDestroy(ref nint appender);
}

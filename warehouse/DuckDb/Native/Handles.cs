using System.Runtime.InteropServices;

namespace Analytics.Warehouse.DuckDb.Native;

/// <summary>A pointer-sized DuckDB handle released by one C call taking its address.</summary>
internal abstract class DuckDbHandle : SafeHandle
{
    protected DuckDbHandle()
        : base(0, ownsHandle: true)
    {
    }

    protected DuckDbHandle(nint handle)
        : base(0, ownsHandle: true) => SetHandle(handle);

    public override bool IsInvalid => handle == 0;

    /// <summary>The raw handle; callers keep the owner alive for the duration of the native call.</summary>
    public nint Raw => handle;
}

internal sealed class DatabaseHandle(nint handle) : DuckDbHandle(handle)
{
    protected override bool ReleaseHandle()
    {
        var h = handle;
        NativeMethods.Close(ref h);
        return true;
    }
}

internal sealed class ConnectionHandle(nint handle) : DuckDbHandle(handle)
{
    protected override bool ReleaseHandle()
    {
        var h = handle;
        NativeMethods.Disconnect(ref h);
        return true;
    }
}

internal sealed class ExtractedStatementsHandle(nint handle) : DuckDbHandle(handle)
{
    protected override bool ReleaseHandle()
    {
        var h = handle;
        NativeMethods.DestroyExtracted(ref h);
        return true;
    }
}

internal sealed class PreparedStatementHandle(nint handle) : DuckDbHandle(handle)
{
    protected override bool ReleaseHandle()
    {
        var h = handle;
        NativeMethods.DestroyPrepare(ref h);
        return true;
    }
}

internal sealed class AppenderHandle(nint handle) : DuckDbHandle(handle)
{
    protected override bool ReleaseHandle()
    {
        var h = handle;
        NativeMethods.AppenderDestroy(ref h);
        return true;
    }
}

internal sealed class DataChunkHandle(nint handle) : DuckDbHandle(handle)
{
    protected override bool ReleaseHandle()
    {
        var h = handle;
        NativeMethods.DestroyDataChunk(ref h);
        return true;
    }
}

internal sealed class LogicalTypeHandle(nint handle) : DuckDbHandle(handle)
{
    protected override bool ReleaseHandle()
    {
        var h = handle;
        NativeMethods.DestroyLogicalType(ref h);
        return true;
    }
}

/// <summary>
/// A duckdb_result in native memory (so its address is stable for every call taking it by pointer);
/// release destroys the result and frees the memory.
/// </summary>
internal sealed unsafe class ResultHandle : DuckDbHandle
{
    public ResultHandle()
        : base((nint)NativeMemory.AllocZeroed((nuint)sizeof(DuckDbResultStruct)))
    {
    }

    public DuckDbResultStruct* Pointer => (DuckDbResultStruct*)handle;

    protected override bool ReleaseHandle()
    {
        var result = (DuckDbResultStruct*)handle;
        NativeMethods.DestroyResult(result);
        NativeMemory.Free(result);
        return true;
    }
}

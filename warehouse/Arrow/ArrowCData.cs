using System.Runtime.InteropServices;

namespace Analytics.Warehouse.Arrow;

// The Arrow C data and stream interfaces (arrow.apache.org/docs/format/CDataInterface.html), as DuckDB's arrow_scan
// consumes them. Layouts are the spec's, field for field.

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct ArrowSchema
{
    /// <summary>The spec's ARROW_FLAG_NULLABLE.</summary>
    public const long FlagNullable = 2;

    public byte* Format;
    public byte* Name;
    public byte* Metadata;
    public long Flags;
    public long ChildCount;
    public ArrowSchema** Children;
    public ArrowSchema* Dictionary;
    public delegate* unmanaged<ArrowSchema*, void> Release;
    public void* PrivateData;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct ArrowArray
{
    public long Length;
    public long NullCount;
    public long Offset;
    public long BufferCount;
    public long ChildCount;
    public void** Buffers;
    public ArrowArray** Children;
    public ArrowArray* Dictionary;
    public delegate* unmanaged<ArrowArray*, void> Release;
    public void* PrivateData;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct ArrowArrayStream
{
    public delegate* unmanaged<ArrowArrayStream*, ArrowSchema*, int> GetSchema;
    public delegate* unmanaged<ArrowArrayStream*, ArrowArray*, int> GetNext;
    public delegate* unmanaged<ArrowArrayStream*, byte*> GetLastError;
    public delegate* unmanaged<ArrowArrayStream*, void> Release;
    public void* PrivateData;
}

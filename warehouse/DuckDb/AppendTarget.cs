using System.Runtime.CompilerServices;
using Analytics.Warehouse.DuckDb.Native;

namespace Analytics.Warehouse.DuckDb;

/// <summary>One column vector of the appender's data chunk, written in place.</summary>
internal readonly unsafe struct AppendTarget(nint vector, ColumnType type)
{
    private const int InlineLength = 12;

    public ColumnType Type { get; } = type;

    private nint Vector { get; } = vector;

    private void* Data { get; } = NativeMethods.VectorGetData(vector);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Write<T>(int row, T value)
        where T : unmanaged => ((T*)Data)[row] = value;

    public void SetNull(int row)
    {
        NativeMethods.VectorEnsureValidityWritable(Vector);
        var validity = NativeMethods.VectorGetValidity(Vector);
        validity[row >> 6] &= ~(1UL << (row & 63));
    }

    /// <summary>Short strings are written inline into the vector; longer ones are copied by DuckDB into its string heap.</summary>
    public void WriteBytes(int row, ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length <= InlineLength)
        {
            var target = (DuckDbStringT*)Data + row;
            *target = default;
            target->Length = (uint)bytes.Length;
            bytes.CopyTo(new Span<byte>(target->Prefix, InlineLength));
            return;
        }

        fixed (byte* pointer = bytes)
            NativeMethods.VectorAssignStringElement(Vector, (ulong)row, pointer, (ulong)bytes.Length);
    }
}

using System.Runtime.InteropServices;

namespace Analytics.Warehouse.Arrow;

/// <summary>
/// The native memory of one record batch: the key and ordinal columns, the text columns, and the Arrow structs that
/// describe them to DuckDB. Sets are reused batch after batch (<see cref="BatchBufferPool"/>), so a load allocates a
/// handful of them however many batches it streams, and their pages stay warm.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct BufferSet
{
    private const int FirstRows = 1024;
    private const long FirstBytes = 16 * 1024;
    private const int SlotsPerChild = 3;

    /// <summary>The owning pool (a GCHandle), for the batch's release.</summary>
    public nint Pool;
    public int Columns;
    public int RowCapacity;
    public int* Keys;
    public long* Ordinals;
    public TextColumn* Text;
    public ArrowArray* Children;
    public ArrowArray** ChildPointers;
    public void** Slots;

    public static BufferSet* Allocate(int columns, nint pool)
    {
        var set = (BufferSet*)NativeMemory.AllocZeroed((nuint)sizeof(BufferSet));
        set->Pool = pool;
        set->Columns = columns;
        set->RowCapacity = FirstRows;
        set->Keys = (int*)NativeMemory.Alloc(FirstRows, sizeof(int));
        set->Ordinals = (long*)NativeMemory.Alloc(FirstRows, sizeof(long));
        set->Text = (TextColumn*)NativeMemory.AllocZeroed((nuint)columns, (nuint)sizeof(TextColumn));
        for (var i = 0; i < columns; i++)
            set->Text[i] = TextColumn.Allocate(FirstRows, FirstBytes);
        set->Children = (ArrowArray*)NativeMemory.AllocZeroed((nuint)columns + 2, (nuint)sizeof(ArrowArray));
        set->ChildPointers = (ArrowArray**)NativeMemory.Alloc((nuint)columns + 2, (nuint)sizeof(ArrowArray*));
        set->Slots = (void**)NativeMemory.AllocZeroed(1 + ((nuint)columns + 2) * SlotsPerChild, (nuint)sizeof(void*));
        return set;
    }

    public static void Free(BufferSet* set)
    {
        NativeMemory.Free(set->Keys);
        NativeMemory.Free(set->Ordinals);
        for (var i = 0; i < set->Columns; i++)
            set->Text[i].Free();
        NativeMemory.Free(set->Text);
        NativeMemory.Free(set->Children);
        NativeMemory.Free(set->ChildPointers);
        NativeMemory.Free(set->Slots);
        NativeMemory.Free(set);
    }

    /// <summary>Room for twice the rows.</summary>
    public void GrowRows()
    {
        var rows = RowCapacity * 2;
        Keys = (int*)NativeMemory.Realloc(Keys, (nuint)rows * sizeof(int));
        Ordinals = (long*)NativeMemory.Realloc(Ordinals, (nuint)rows * sizeof(long));
        for (var i = 0; i < Columns; i++)
            Text[i].GrowRows(RowCapacity, rows);
        RowCapacity = rows;
    }

    /// <summary>
    /// Describes the set's first <paramref name="rows"/> rows as a struct array in <paramref name="out"/>: children key
    /// (int32), ordinal (int64), then utf8 columns. Its release hands the set back to <paramref name="release"/>'s pool.
    /// </summary>
    public void Describe(ArrowArray* @out, int rows, delegate* unmanaged<ArrowArray*, void> release, delegate* unmanaged<ArrowArray*, void> releaseChild)
    {
        var children = Columns + 2;
        for (var i = 0; i < children; i++)
        {
            var child = Children + i;
            *child = default;
            child->Length = rows;
            child->Buffers = Slots + 1 + (i * SlotsPerChild);
            child->Release = releaseChild;
            ChildPointers[i] = child;
            if (i < 2)
            {
                child->BufferCount = 2;
                child->Buffers[0] = null; // no NULLs
                child->Buffers[1] = i == 0 ? Keys : Ordinals;
            }
            else
            {
                ref var text = ref Text[i - 2];
                child->BufferCount = 3;
                child->NullCount = -1; // not counted: DuckDB reads the bitmap
                child->Buffers[0] = text.Validity;
                child->Buffers[1] = text.Offsets;
                child->Buffers[2] = text.Data;
            }
        }

        *@out = default;
        @out->Length = rows;
        @out->BufferCount = 1;
        @out->Buffers = Slots; // slot 0: no validity, every row is there
        @out->ChildCount = children;
        @out->Children = ChildPointers;
        @out->Release = release;
    }
}

/// <summary>One utf8 column of a <see cref="BufferSet"/>: value bytes, rows + 1 offsets, a validity bit per row.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct TextColumn
{
    public byte* Data;
    public long Capacity;
    public int* Offsets;
    public byte* Validity;

    public static TextColumn Allocate(int rows, long bytes)
    {
        var column = new TextColumn
        {
            Data = (byte*)NativeMemory.Alloc((nuint)bytes),
            Capacity = bytes,
            Offsets = (int*)NativeMemory.Alloc((nuint)rows + 1, sizeof(int)),
            Validity = (byte*)NativeMemory.AllocZeroed((nuint)ValidityBytes(rows)),
        };
        column.Offsets[0] = 0;
        return column;
    }

    public void Reserve(long bytes)
    {
        var capacity = Math.Max(Capacity * 2, bytes);
        Data = (byte*)NativeMemory.Realloc(Data, (nuint)capacity);
        Capacity = capacity;
    }

    public void GrowRows(int rows, int newRows)
    {
        Offsets = (int*)NativeMemory.Realloc(Offsets, ((nuint)newRows + 1) * sizeof(int));
        Validity = (byte*)NativeMemory.Realloc(Validity, (nuint)ValidityBytes(newRows));
        new Span<byte>(Validity + ValidityBytes(rows), ValidityBytes(newRows) - ValidityBytes(rows)).Clear();
    }

    public readonly void Free()
    {
        NativeMemory.Free(Data);
        NativeMemory.Free(Offsets);
        NativeMemory.Free(Validity);
    }

    private static int ValidityBytes(int rows) => (rows + 7) / 8;
}

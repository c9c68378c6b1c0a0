using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Analytics.Warehouse.Arrow;

/// <summary>
/// The <see cref="BufferSet"/>s of one stream's batches. A batch's release (on whichever DuckDB thread is done with
/// it) returns its set here for the next builder to fill: a fresh allocation per batch left glibc's per-thread arenas
/// holding 100+ MB of freed batches (1M Telnyx records: 420 MB of RSS against 280 MB).
/// </summary>
internal sealed unsafe class BatchBufferPool : IDisposable
{
    private readonly ConcurrentQueue<nint> _free = new();
    private readonly int _columns;
    private GCHandle _self;

    public BatchBufferPool(int textColumns)
    {
        _columns = textColumns;
        _self = GCHandle.Alloc(this);
    }

    public BufferSet* Rent() => _free.TryDequeue(out var set) ? (BufferSet*)set : BufferSet.Allocate(_columns, GCHandle.ToIntPtr(_self));

    public void Return(BufferSet* set) => _free.Enqueue((nint)set);

    /// <summary>Describes a filled set as an Arrow array whose release returns the set here.</summary>
    public static void Export(BufferSet* set, int rows, ArrowArray* @out)
    {
        set->Describe(@out, rows, &Release, &ReleaseChild);
        @out->PrivateData = set;
    }

    /// <summary>Frees the sets; call once every set is back (builders disposed, every batch released).</summary>
    public void Dispose()
    {
        while (_free.TryDequeue(out var set))
            BufferSet.Free((BufferSet*)set);
        if (_self.IsAllocated)
            _self.Free();
    }

    [UnmanagedCallersOnly]
    private static void Release(ArrowArray* array)
    {
        var set = (BufferSet*)array->PrivateData;
        ((BatchBufferPool)GCHandle.FromIntPtr(set->Pool).Target!).Return(set);
        array->Release = null;
    }

    // Children are released with their parent; a consumer that moved one out only marks it released.
    [UnmanagedCallersOnly]
    private static void ReleaseChild(ArrowArray* array) => array->Release = null;
}

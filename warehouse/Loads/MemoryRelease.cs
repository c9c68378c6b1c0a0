using System.Runtime.InteropServices;

namespace Analytics.Warehouse.Loads;

/// <summary>
/// Hands memory the loader has finished with back to the operating system between a batch's steps, so the next step's
/// memory does not stack on top of it. Staging thousands of small files (a day of Telnyx pages) leaves tens of MB of
/// garbage under a large gen0 budget that no allocation ever collects, and glibc keeps what DuckDB freed (its CSV
/// reader's buffers) mapped: together they took 1M Telnyx records in 20,000 pages past 450 MB of RSS.
/// </summary>
internal static partial class MemoryRelease
{
    /// <summary>Collects the managed garbage and decommits the freed heap (tens of milliseconds): after staging, before mapping.</summary>
    public static void CollectManaged() =>
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

    private const long YoungGarbageBytes = 8L * 1024 * 1024;
    private static long _allocatedAtLastCollect;

    /// <summary>
    /// While staging runs beside DuckDB's insert: a gen0 collection whenever 8 MB were allocated since the last, so the
    /// garbage of opening and reading thousands of small files never fills the gen0 budget (50+ MB here) on top of
    /// DuckDB's memory. Collecting gen0 costs about a millisecond (little survives it).
    /// </summary>
    public static void CollectYoungGarbage()
    {
        var allocated = GC.GetTotalAllocatedBytes(precise: false);
        var last = Interlocked.Read(ref _allocatedAtLastCollect);
        if (allocated - last < YoungGarbageBytes || Interlocked.CompareExchange(ref _allocatedAtLastCollect, allocated, last) != last)
            return;
        GC.Collect(0, GCCollectionMode.Forced, blocking: true);
    }

    /// <summary>After DuckDB's work: free native memory goes back (glibc only; elsewhere nothing to do).</summary>
    public static void TrimNative()
    {
        if (!OperatingSystem.IsLinux())
            return;
        try
        {
            _ = MallocTrim(0);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc (musl): its allocator returns memory on its own.
        }
    }

    [LibraryImport("libc.so.6", EntryPoint = "malloc_trim")]
    private static partial int MallocTrim(nuint pad);
}

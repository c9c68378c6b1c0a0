namespace Analytics.Warehouse.Loads.Staging;

/// <summary>
/// The folder DuckDB reads staged copies of landed files from: <c>&lt;landing&gt;/.staging</c>, on the same disk as the
/// data it copies (never a RAM-backed /tmp). Staged files only live for one batch; whatever a crash leaves behind is
/// wiped by the next load (the landing zone ignores dot-folders).
/// </summary>
internal sealed class StagingArea : IDisposable
{
    private int _next;

    public StagingArea(string landingRoot)
    {
        Directory = Path.Combine(landingRoot, ".staging");
        Clear();
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    /// <summary>A new, unique file name in the area (not created).</summary>
    public string NewFile(string extension) => Path.Combine(Directory, $"{Environment.ProcessId}-{Interlocked.Increment(ref _next)}.{extension}");

    /// <summary>Deletes every staged file (after a batch, and at start for a crashed run's leftovers).</summary>
    public void Clear()
    {
        if (System.IO.Directory.Exists(Directory))
        {
            foreach (var file in System.IO.Directory.EnumerateFiles(Directory))
                File.Delete(file);
        }
    }

    public void Dispose()
    {
        if (System.IO.Directory.Exists(Directory))
            System.IO.Directory.Delete(Directory, recursive: true);
    }
}

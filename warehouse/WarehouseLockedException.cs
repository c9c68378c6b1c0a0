namespace Analytics.Warehouse;

/// <summary>
/// Another process holds the warehouse file's lock: DuckDB allows one writer, or any number of readers, per file.
/// <see cref="Holder"/> names it as DuckDB reported it.
/// </summary>
public sealed class WarehouseLockedException : WarehouseException
{
    public WarehouseLockedException()
    {
        Path = string.Empty;
        Holder = new WarehouseLockHolder(null, null, WarehouseAccess.Unknown);
    }

    public WarehouseLockedException(string message)
        : this(message, innerException: null!)
    {
    }

    public WarehouseLockedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Path = string.Empty;
        Holder = new WarehouseLockHolder(null, null, WarehouseAccess.Unknown);
    }

    public WarehouseLockedException(string path, WarehouseLockHolder holder, string message, Exception? innerException = null)
        : base(message, innerException!)
    {
        Path = path;
        Holder = holder;
    }

    /// <summary>The warehouse file.</summary>
    public string Path { get; }

    /// <summary>The process holding the lock.</summary>
    public WarehouseLockHolder Holder { get; }
}

/// <summary>The process holding a warehouse file's lock.</summary>
/// <param name="Executable">Its executable's file name (e.g. <c>analytics</c>), when DuckDB named it.</param>
/// <param name="Pid">Its process id, when DuckDB named it.</param>
/// <param name="Access">Whether it has the file open read-only or read-write, when known.</param>
public sealed record WarehouseLockHolder(string? Executable, int? Pid, WarehouseAccess Access)
{
    /// <summary>"analytics PID 1234, a read-only session".</summary>
    public override string ToString()
    {
        var who = (Executable, Pid) switch
        {
            ({ } exe, { } pid) => $"{exe} PID {pid}",
            (null, { } pid) => $"PID {pid}",
            ({ } exe, null) => exe,
            _ => "another process",
        };
        return Access switch
        {
            WarehouseAccess.ReadOnly => $"{who}, a read-only session",
            WarehouseAccess.ReadWrite => $"{who}, a read-write session (a load or the scheduler)",
            _ => who,
        };
    }
}

/// <summary>How a process has the warehouse file open.</summary>
public enum WarehouseAccess
{
    /// <summary>Not known.</summary>
    Unknown,

    /// <summary>Read-only: analysts' sessions, <c>query</c>, reports.</summary>
    ReadOnly,

    /// <summary>Read-write: loads, the run history, ingest state.</summary>
    ReadWrite,
}

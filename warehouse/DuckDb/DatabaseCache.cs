using System.Globalization;
using System.Text.RegularExpressions;
using Analytics.Warehouse.DuckDb.Native;

namespace Analytics.Warehouse.DuckDb;

/// <summary>
/// One native database instance per file per process, shared by every connection to that file and
/// closed when the last of them closes. DuckDB itself allows one instance per file per process, so a
/// second instance would be both slower and unsafe. <c>:memory:</c> databases are private to their connection.
/// </summary>
internal static partial class DatabaseCache
{
    public const string InMemory = ":memory:";

    private static readonly Dictionary<string, SharedDatabase> Open = new(StringComparer.Ordinal);
    private static readonly Lock Gate = new();

    /// <summary>
    /// A reference to an open database. A read-only request is served by a read-write instance that is
    /// already open in this process (DuckDB permits one instance per file); the reverse is an error.
    /// </summary>
    public static SharedDatabase Acquire(string path, bool readOnly)
    {
        if (path == InMemory)
            return new SharedDatabase(path, readOnly, OpenNative(path, readOnly), cached: false);

        var full = Path.GetFullPath(path);
        lock (Gate)
        {
            if (Open.TryGetValue(full, out var shared))
            {
                if (shared.ReadOnly && !readOnly)
                {
                    throw new DuckDbException(
                        $"warehouse file {full} is already open read-only in this process; close those connections before opening it read-write",
                        DuckDbErrorType.Connection);
                }

                shared.References++;
                return shared;
            }

            shared = new SharedDatabase(full, readOnly, OpenNative(full, readOnly), cached: true);
            Open.Add(full, shared);
            return shared;
        }
    }

    public static void Release(SharedDatabase database)
    {
        if (!database.Cached)
        {
            database.Handle.Dispose();
            return;
        }

        // Closed under the lock: an Acquire between the removal and the close would open a second native instance on
        // a file whose first one is still checkpointing. File locks do not separate threads of one process, so DuckDB
        // would not notice, and two instances writing one file corrupt it ("MarkBlockAsModified called with already
        // modified block", seen once in the scheduler tests).
        lock (Gate)
        {
            if (--database.References > 0)
                return;
            Open.Remove(database.Path);
            database.Handle.Dispose();
        }
    }

    private static DatabaseHandle OpenNative(string path, bool readOnly)
    {
        NativeMethods.CreateConfig(out var config);
        try
        {
            if (NativeMethods.SetConfig(config, "access_mode", readOnly ? "READ_ONLY" : "READ_WRITE") != 0)
                throw new DuckDbException("DuckDB rejected the access_mode setting", DuckDbErrorType.InvalidConfiguration);
            if (NativeMethods.Open(path, out var database, config, out var error) == 0)
                return new DatabaseHandle(database);

            var message = NativeMethods.Utf8(error) ?? $"could not open {path}";
            NativeMethods.Free(error);
            if (database != 0)
                NativeMethods.Close(ref database);
            throw OpenFailure(path, readOnly, message);
        }
        finally
        {
            NativeMethods.DestroyConfig(ref config);
        }
    }

    /// <summary>Turns DuckDB's lock conflict into a message that names the file and the holder.</summary>
    internal static DuckDbException OpenFailure(string path, bool readOnly, string message)
    {
        var type = DuckDbException.ErrorTypeFromMessage(message);
        var holder = LockHolder().Match(message);
        if (!holder.Success && !message.Contains("Could not set lock", StringComparison.Ordinal))
            return new DuckDbException(message, type);

        var who = holder.Success
            ? string.Create(CultureInfo.InvariantCulture, $"{System.IO.Path.GetFileName(holder.Groups["exe"].Value)}, PID {holder.Groups["pid"].Value}")
            : "holder unknown";
        var advice = readOnly ? "stop it and try again" : "stop it or open read-only";
        return new DuckDbException($"warehouse file {path} is locked by another process ({who}); {advice}", DuckDbErrorType.IO);
    }

    [GeneratedRegex(@"Conflicting lock is held in (?<exe>.+?) \(PID (?<pid>\d+)\)")]
    private static partial Regex LockHolder();
}

/// <summary>An open native database and how many connections use it.</summary>
internal sealed class SharedDatabase(string path, bool readOnly, DatabaseHandle handle, bool cached)
{
    public string Path { get; } = path;

    public bool ReadOnly { get; } = readOnly;

    public DatabaseHandle Handle { get; } = handle;

    public bool Cached { get; } = cached;

    /// <summary>Guarded by the cache's lock.</summary>
    public int References { get; set; } = 1;
}

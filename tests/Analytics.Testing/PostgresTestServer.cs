using Xunit;

namespace Analytics.Testing;

/// <summary>
/// A throwaway PostgreSQL 15 cluster on a free loopback port, in a directory under /tmp that is
/// deleted on dispose (design §8). As root, initdb and pg_ctl run as <c>postgres</c>, which owns the directory.
/// </summary>
public sealed class PostgresTestServer : IDisposable
{
    private const string Bin = "/usr/lib/postgresql/15/bin";
    private int _databases;

    public PostgresTestServer()
    {
        Directory = Path.Combine(Path.GetTempPath(), $"analytics-pg-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(Directory);
        Port = TestProcess.FreePort();
        try
        {
            if (TestProcess.IsRoot)
                TestProcess.Run("chown", "-R", "postgres:postgres", Directory);
            AsPostgres($"{Bin}/initdb", "-D", Directory, "-A", "trust", "-U", "postgres");
            AsPostgres($"{Bin}/pg_ctl", "-D", Directory, "-l", Path.Combine(Directory, "server.log"),
                "-o", $"-p {Port} -k {Directory} -c listen_addresses=127.0.0.1", "-w", "start");
        }
        catch
        {
            TryDelete();
            throw;
        }
    }

    /// <summary>Why PostgreSQL tests cannot run here, or null when they can.</summary>
    public static string? Unavailable =>
        File.Exists($"{Bin}/initdb") ? null : $"PostgreSQL 15 is not installed ({Bin}/initdb missing)";

    public string Directory { get; }

    public int Port { get; }

    /// <summary>A fresh, empty database, so tests never see each other's job store.</summary>
    public string CreateDatabase()
    {
        var name = $"test{Interlocked.Increment(ref _databases)}";
        TestProcess.Run($"{Bin}/createdb", "-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "postgres", name);
        return ConnectionString(name);
    }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Timeout=5";

    public void Dispose()
    {
        try
        {
            AsPostgres($"{Bin}/pg_ctl", "-D", Directory, "-m", "immediate", "stop");
        }
        catch (InvalidOperationException)
        {
            // Already stopped; the directory still goes.
        }

        TryDelete();
    }

    private static void AsPostgres(string file, params string[] args)
    {
        if (TestProcess.IsRoot)
            TestProcess.Run("runuser", ["-u", "postgres", "--", file, .. args]);
        else
            TestProcess.Run(file, args);
    }

    private void TryDelete()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>A fact needing PostgreSQL: skipped with the reason when it is not installed, unless CI=true (then it fails).</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (!TestProcess.InCi && PostgresTestServer.Unavailable is { } reason)
            Skip = reason;
    }
}

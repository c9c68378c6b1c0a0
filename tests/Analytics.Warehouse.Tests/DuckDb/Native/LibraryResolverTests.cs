using System.Diagnostics;
using Analytics.Testing;

namespace Analytics.Warehouse.Tests.DuckDb.Native;

/// <summary>The resolver runs once per process, so each case starts the lock-holder exe as a fresh process.</summary>
public sealed class LibraryResolverTests
{
    [Fact]
    public async Task DUCKDB_LIBRARY_takes_precedence_over_the_library_beside_the_assembly()
    {
        using var directory = new TemporaryDirectory();
        var bogus = directory.File("not-a-library.so");
        await File.WriteAllTextAsync(bogus, "not an ELF file");

        var (exit, output, error) = await RunHolderAsync(directory.File("a.duckdb"), bogus);
        Assert.NotEqual(0, exit);
        Assert.DoesNotContain("ready", output, StringComparison.Ordinal);
        Assert.Contains("not-a-library.so", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DUCKDB_LIBRARY_pointing_at_a_real_library_is_used()
    {
        using var directory = new TemporaryDirectory();
        var copy = directory.File("libduckdb-copy.so");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "libduckdb.so"), copy);

        var (exit, output, _) = await RunHolderAsync(directory.File("b.duckdb"), copy);
        Assert.Equal(0, exit);
        Assert.Contains("ready", output, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Output, string Error)> RunHolderAsync(string database, string library)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Analytics.LockHolder.dll"));
        start.ArgumentList.Add(database);
        start.Environment["DUCKDB_LIBRARY"] = library;
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, await output, await error);
    }
}

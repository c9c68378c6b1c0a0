using System.Reflection;
using System.Runtime.InteropServices;

namespace Analytics.Warehouse.DuckDb.Native;

/// <summary>
/// Finds libduckdb: <c>DUCKDB_LIBRARY</c> first, then the copy the build places beside the assemblies,
/// then the platform's default probing.
/// </summary>
internal static class LibraryResolver
{
    public const string LibraryName = "duckdb";

    private static int _registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 0)
            NativeLibrary.SetDllImportResolver(typeof(LibraryResolver).Assembly, Resolve);
    }

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != LibraryName)
            return 0;

        var configured = Environment.GetEnvironmentVariable("DUCKDB_LIBRARY");
        if (!string.IsNullOrEmpty(configured))
        {
            // An explicit path that does not load is a configuration error, not a reason to fall back silently.
            return NativeLibrary.Load(configured);
        }

        var fileName = OperatingSystem.IsWindows() ? "duckdb.dll"
            : OperatingSystem.IsMacOS() ? "libduckdb.dylib"
            : "libduckdb.so";
        var beside = Path.Combine(AppContext.BaseDirectory, fileName);
        if (File.Exists(beside) && NativeLibrary.TryLoad(beside, out var handle))
            return handle;

        return NativeLibrary.TryLoad(fileName, assembly, searchPath, out handle) ? handle : 0;
    }
}

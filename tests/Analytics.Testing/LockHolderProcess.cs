using System.Diagnostics;

namespace Analytics.Testing;

/// <summary>
/// A second process (Analytics.LockHolder, copied beside the tests by a project reference) holding a warehouse file
/// open, read-write or read-only, until disposed.
/// </summary>
public sealed class LockHolderProcess : IAsyncDisposable
{
    private readonly Process _process;

    private LockHolderProcess(Process process) => _process = process;

    /// <summary>The holder's process id, as DuckDB names it in its lock message.</summary>
    public int Id => _process.Id;

    /// <summary>Starts the holder and returns once it has the file open.</summary>
    public static LockHolderProcess Start(string path, bool readOnly = false)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Analytics.LockHolder.dll"));
        start.ArgumentList.Add(path);
        if (readOnly)
            start.ArgumentList.Add("read-only");
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the lock holder");
        var line = process.StandardOutput.ReadLine();
        if (line != "ready")
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"the lock holder did not open {path}: {line}");
        }

        return new LockHolderProcess(process);
    }

    /// <summary>Closes the file (the holder exits) and waits for the process to end.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }
}

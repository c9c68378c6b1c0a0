using System.Diagnostics;
using System.Text;

namespace Analytics.Warehouse.Tests.Loads;

/// <summary>The real <c>analytics</c> executable (built beside the tests) run as a child process against a fixture.</summary>
internal sealed class AnalyticsProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource<string> _checkpoint = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public AnalyticsProcess(LoadFixture fixture, string arguments, string? killAt = null, TimeSpan? lockWait = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet", $"\"{Path.Combine(AppContext.BaseDirectory, "analytics.dll")}\" {arguments}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = fixture.Combine("."),
        };
        info.Environment["ANALYTICS__Warehouse__Path"] = fixture.DatabasePath;
        info.Environment["ANALYTICS__Landing__Path"] = fixture.LandingPath;
        if (lockWait is { } wait)
            info.Environment["ANALYTICS__Warehouse__LockWait"] = wait.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
        if (killAt is not null)
            info.Environment["ANALYTICS_TEST_KILL_AT"] = killAt;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            info.Environment[name] = value;
        _process = new Process { StartInfo = info };
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
                return;
            lock (_stdout)
                _stdout.AppendLine(e.Data);
            if (e.Data.StartsWith("checkpoint ", StringComparison.Ordinal))
                _checkpoint.TrySetResult(e.Data);
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
                return;
            lock (_stderr)
                _stderr.AppendLine(e.Data);
        };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Stdout
    {
        get
        {
            lock (_stdout)
                return _stdout.ToString();
        }
    }

    public string Stderr
    {
        get
        {
            lock (_stderr)
                return _stderr.ToString();
        }
    }

    /// <summary>Waits until the child prints that it reached its kill checkpoint.</summary>
    public async Task<string> CheckpointAsync()
    {
        var done = await Task.WhenAny(_checkpoint.Task, _process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(90)));
        if (done != _checkpoint.Task)
            throw new InvalidOperationException($"analytics never reached its checkpoint. stdout: {Stdout} stderr: {Stderr}");
        return await _checkpoint.Task;
    }

    /// <summary>The child's process id.</summary>
    public int Id => _process.Id;

    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async Task<int> ExitCodeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await _process.WaitForExitAsync(timeout.Token);
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}

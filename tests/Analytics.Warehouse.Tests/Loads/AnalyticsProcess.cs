using Analytics.Warehouse.Loads;
using System.Diagnostics;
using System.Text;

namespace Analytics.Warehouse.Tests.Loads;

/// <summary>
/// The real <c>analytics</c> executable (built beside the tests) run as a child process against a fixture, or
/// (<see cref="StoppingLoad"/>) a load that stops at a checkpoint.
/// </summary>
internal sealed class AnalyticsProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource<string> _checkpoint = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public AnalyticsProcess(LoadFixture fixture, string arguments, TimeSpan? lockWait = null, IReadOnlyDictionary<string, string>? environment = null)
        : this(fixture, ["analytics.dll", .. Split(arguments)], lockWait, environment)
    {
    }

    private AnalyticsProcess(LoadFixture fixture, string[] arguments, TimeSpan? lockWait, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = fixture.Combine("."),
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, arguments[0]));
        foreach (var argument in arguments[1..])
            info.ArgumentList.Add(argument);
        info.Environment["ANALYTICS__Warehouse__Path"] = fixture.DatabasePath;
        info.Environment["ANALYTICS__Landing__Path"] = fixture.LandingPath;
        if (lockWait is { } wait)
            info.Environment["ANALYTICS__Warehouse__LockWait"] = wait.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
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

    /// <summary>
    /// A load of the fixture (Analytics.LockHolder's, the product's loader with a checkpoint hook) that stops at
    /// <paramref name="checkpoint"/>, holding the write lock, until <see cref="Continue"/> or <see cref="Kill"/>.
    /// </summary>
    public static AnalyticsProcess Analytics(LoadFixture fixture, TimeSpan? lockWait, params string[] arguments) =>
        new(fixture, ["analytics.dll", .. arguments], lockWait);

    public static AnalyticsProcess StoppingLoad(LoadFixture fixture, LoadCheckpoint checkpoint) =>
        new(fixture, ["Analytics.LockHolder.dll", "load", fixture.DatabasePath, fixture.LandingPath, checkpoint.ToString()], null);

    /// <summary>Lets a stopped load carry on from its checkpoint.</summary>
    public void Continue()
    {
        _process.StandardInput.WriteLine("continue");
        _process.StandardInput.Flush();
    }

    /// <summary>Waits until stderr has a line starting with <paramref name="prefix"/>.</summary>
    public async Task<string> ErrorLineAsync(string prefix)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            var line = Stderr.Split('\n').FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
            if (line is not null)
                return line.TrimEnd('\r');
            await Task.Delay(50);
        }

        throw new InvalidOperationException($"no stderr line starting '{prefix}'. stdout: {Stdout} stderr: {Stderr}");
    }

    public bool HasExited => _process.HasExited;

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

    private static string[] Split(string arguments) => arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}

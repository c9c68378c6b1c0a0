using System.Diagnostics;
using System.Globalization;
using Analytics.Testing;

namespace Analytics.Jobs.Tests.Scheduling;

/// <summary>
/// One <c>analytics serve</c> process, the real executable, configured by <c>ANALYTICS__*</c> variables; its
/// output goes to a file the test reads. Killed on dispose if still running.
/// </summary>
internal sealed class ServeNode : IDisposable
{
    private readonly Process _process;
    private readonly Lock _gate = new();

    public ServeNode(string name, string workDir, IReadOnlyDictionary<string, string> settings)
    {
        Name = name;
        Port = TestProcess.FreePort();
        OutputFile = Path.Combine(workDir, $"node-{name}.out");
        var info = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workDir,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "analytics.dll"));
        info.ArgumentList.Add("serve");
        foreach (var (key, value) in settings)
            info.Environment["ANALYTICS__" + key.Replace(":", "__", StringComparison.Ordinal)] = value;
        info.Environment["ANALYTICS__Jobs__Dashboard__Url"] = Url;
        _process = Process.Start(info) ?? throw new InvalidOperationException("cannot start analytics serve");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Name { get; }

    public int Port { get; }

    public string Url => string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}");

    public string OutputFile { get; }

    public Process Process => _process;

    public string Output
    {
        get
        {
            lock (_gate)
                return File.Exists(OutputFile) ? File.ReadAllText(OutputFile) : "";
        }
    }

    /// <summary>Sends SIGTERM, as systemd or Ctrl+C would, and measures how long the process takes to exit.</summary>
    public TimeSpan Terminate(TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        TestProcess.Run("kill", "-TERM", _process.Id.ToString(CultureInfo.InvariantCulture));
        if (!_process.WaitForExit(limit))
            throw new InvalidOperationException($"serve {Name} did not exit within {limit.TotalSeconds} s of SIGTERM:\n{Output}");
        _process.WaitForExit();
        return watch.Elapsed;
    }

    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>Waits until the node's output says it started (its dashboard line).</summary>
    public async Task StartedAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Output.Contains("  schedule   report", StringComparison.Ordinal))
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
                throw new InvalidOperationException($"serve {Name} did not start:\n{Output}");
            await Task.Delay(100);
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            Kill();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_gate)
            File.AppendAllText(OutputFile, line + "\n");
    }
}

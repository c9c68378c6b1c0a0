using System.Diagnostics;
using Analytics.Jobs.Configuration;
using Analytics.Jobs.Pipeline;
using Analytics.Jobs.Scheduling;
using Analytics.Jobs.Tests.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Analytics.Jobs.Tests.Scheduling;

/// <summary>Scheduler nodes for tests: in this process (one at a time), or as separate processes.</summary>
internal sealed class TestNodes : IDisposable
{
    private readonly List<Process> _processes = [];

    public TestNodes()
    {
        Directory.CreateDirectory(WorkDir);
    }

    public string WorkDir { get; } = Path.Combine(Path.GetTempPath(), $"analytics-jobs-{Guid.NewGuid():N}");

    public string StepLog => Path.Combine(WorkDir, "steps.log");

    /// <summary>Fast settings: the pipeline cron fires every second (the same day each time), short retries and polls.</summary>
    public Dictionary<string, string?> Settings(string? postgres, params string[] sources)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Jobs:Schedule:pipeline"] = "* * * * * ?",
            ["Jobs:Schedule:report"] = "0 0 0 1 1 ? 2099",
            ["Reports:TimeZone"] = "UTC",
            ["Warehouse:Path"] = Path.Combine(WorkDir, "analytics.duckdb"),
            ["Jobs:RetryAttempts"] = "4",
            ["Jobs:RetryDelay"] = "00:00:00.300",
            ["Jobs:RetryMaxDelay"] = "00:00:05",
            ["Jobs:ClusterCheckinInterval"] = "00:00:01",
            ["Jobs:ShutdownTimeout"] = "00:00:05",
            ["Sources:TeleVoips:PollInterval"] = "00:00:00.500",
            ["Sources:TeleVoips:PollTimeout"] = "00:05:00",
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Quartz"] = "Warning",
            ["Logging:LogLevel:Microsoft"] = "Warning",
        };
        if (postgres is not null)
            settings["Jobs:PostgreSql"] = postgres;
        for (var i = 0; i < sources.Length; i++)
            settings[$"Jobs:Sources:{i}"] = sources[i];
        return settings;
    }

    public async Task<IHost> StartInProcessAsync(string name, string script, Dictionary<string, string?> settings)
    {
        var configuration = AppConfiguration.Build(null, settings);
        var host = ServeHost.Build(configuration, (services, _) =>
            services.AddSingleton<IPipelineSteps>(new RecordingPipelineSteps(name, StepLog, script)));
        await host.StartAsync();
        return host;
    }

    public Process StartProcess(string name, string script, Dictionary<string, string?> settings)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = WorkDir,
        };
        foreach (var arg in new[] { typeof(NodeProgram).Assembly.Location, "node", name, StepLog, script })
            info.ArgumentList.Add(arg);
        foreach (var (key, value) in settings)
            info.ArgumentList.Add($"{key}={value}");
        var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start node process");
        var output = Path.Combine(WorkDir, $"node-{name}.out");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) Append(output, e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Append(output, e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add(process);
        return process;
    }

    /// <summary>SIGTERM, as systemd or Ctrl+C would: the node shuts down gracefully.</summary>
    public static void Terminate(Process process)
    {
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            kill.WaitForExit();
        if (!process.WaitForExit(TimeSpan.FromSeconds(20)))
            throw new InvalidOperationException($"node {process.Id} did not stop within 20 s of SIGTERM");
    }

    public IReadOnlyList<StepCall> Calls => StepCall.Read(StepLog);

    public string NodeOutput(string name) =>
        File.Exists(Path.Combine(WorkDir, $"node-{name}.out")) ? File.ReadAllText(Path.Combine(WorkDir, $"node-{name}.out")) : "";

    /// <summary>Polls until the condition holds; fails with what the nodes printed when it never does.</summary>
    public async Task WaitUntilAsync(Func<IReadOnlyList<StepCall>, bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition(Calls))
        {
            if (DateTime.UtcNow > deadline)
            {
                var nodes = string.Join("\n", Directory.GetFiles(WorkDir, "node-*.out").Select(f => $"--- {Path.GetFileName(f)}\n{File.ReadAllText(f)}"));
                Assert.Fail($"timed out waiting for {what}; step calls:\n{string.Join("\n", Calls)}\n{nodes}");
            }

            await Task.Delay(100);
        }
    }

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
            process.Dispose();
        }

        try
        {
            Directory.Delete(WorkDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static readonly Lock OutputGate = new();

    private static void Append(string file, string line)
    {
        lock (OutputGate)
            File.AppendAllText(file, line + "\n");
    }
}

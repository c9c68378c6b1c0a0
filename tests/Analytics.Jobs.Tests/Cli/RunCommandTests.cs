using System.CommandLine;
using System.Text.Json;
using Analytics.Jobs.Cli;
using Analytics.Jobs.Demo;
using Analytics.Sandbox;
using Analytics.Testing;

namespace Analytics.Jobs.Tests.Cli;

/// <summary><c>analytics run</c>'s exit code (issue #21 item 3): non-zero when a configured source failed, 0 with a warning when none is configured.</summary>
public sealed class RunCommandTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task With_no_source_configured_run_exits_0_with_one_warning_line()
    {
        var config = WriteConfig(new Dictionary<string, string?>
        {
            ["Warehouse:Path"] = _directory.File("analytics.duckdb"),
            ["Landing:Path"] = _directory.File("landing"),
            ["Reports:Output"] = _directory.File("reports"),
        });
        var error = new StringWriter();
        var previous = Console.Error;
        Console.SetError(error);
        int exit;
        try
        {
            exit = await Root().Parse(["run", "--from", "2026-11-21", "--config", config]).InvokeAsync(Invocation);
        }
        finally
        {
            Console.SetError(previous);
        }

        Assert.Equal(0, exit);
        Assert.Equal("analytics: warning: no source is configured (set Sources:<Provider>:ApiKey); nothing was pulled", error.ToString().Trim());
    }

    [Fact]
    public async Task A_configured_source_that_fails_makes_run_exit_non_zero_naming_it()
    {
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { Port = 0, Seed = 2, Days = 1, VolumeMultiplier = 0.1 }, CancellationToken.None);
        var setup = new DemoSetup(_directory.File("demo"));
        setup.Reset();
        var overrides = setup.Overrides(sandbox);
        overrides.Remove("Rates:Path");
        overrides["Sources:Callr:ApiKey"] = "not-the-sandbox-key";
        var config = WriteConfig(overrides);

        var error = await Assert.ThrowsAsync<CliException>(() => Root()
            .Parse(["run", "--from", $"{sandbox.LastDay:yyyy-MM-dd}", "--no-email", "--config", config]).InvokeAsync(Invocation));

        Assert.StartsWith("callr: credentials rejected", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();

    private static readonly InvocationConfiguration Invocation = new() { EnableDefaultExceptionHandler = false, Output = TextWriter.Null };

    private static RootCommand Root() => new() { RunCommand.Create(), CommonOptions.Config };

    // A nested JSON file, as an operator writes analytics.json.
    private string WriteConfig(IReadOnlyDictionary<string, string?> settings)
    {
        var root = new Dictionary<string, object>();
        foreach (var (key, value) in settings)
        {
            var parts = key.Split(':');
            var node = root;
            foreach (var part in parts[..^1])
            {
                if (!node.TryGetValue(part, out var child))
                    node[part] = child = new Dictionary<string, object>();
                node = (Dictionary<string, object>)child;
            }

            node[parts[^1]] = value!;
        }

        var path = _directory.File("analytics.json");
        File.WriteAllText(path, JsonSerializer.Serialize(root));
        return path;
    }
}

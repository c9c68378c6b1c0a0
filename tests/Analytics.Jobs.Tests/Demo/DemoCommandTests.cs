using System.CommandLine;
using Analytics.Jobs.Cli;
using Analytics.Testing;

namespace Analytics.Jobs.Tests.Demo;

public sealed class DemoCommandTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task The_demo_runs_the_whole_pipeline_and_leaves_warehouse_landing_and_report_in_its_folder()
    {
        var output = _directory.File("demo");
        var root = new RootCommand { DemoCommand.Create() };

        var exit = await root.Parse(["demo", "--days", "2", "--seed", "5", "--out", output]).InvokeAsync();

        // Exit 0 means the demo's own ground-truth check passed (it exits 1 on any mismatch).
        Assert.Equal(0, exit);
        Assert.True(File.Exists(Path.Combine(output, "analytics.duckdb")));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(output, "landing"), "manifest.jsonl", SearchOption.AllDirectories));
        // One report folder, beside the day cache (.cache) the report kept its days in.
        var folders = Directory.GetDirectories(Path.Combine(output, "reports")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(".cache", folders[0]);
        var report = Path.Combine(output, "reports", Assert.Single(folders.Skip(1))!);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(output, "reports", ".cache"), "*.parquet", SearchOption.AllDirectories));
        Assert.True(File.Exists(Path.Combine(report, "index.html")));
        Assert.True(File.Exists(Path.Combine(report, "calls_summary.csv")));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(report, "charts"), "*.svg"));
    }

    [Fact]
    public async Task Days_out_of_range_is_a_one_line_error()
    {
        var root = new RootCommand { DemoCommand.Create() };
        var error = await Assert.ThrowsAsync<CliException>(() => root.Parse(["demo", "--days", "0", "--out", _directory.File("demo")])
            .InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }));
        Assert.Contains("--days", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();
}

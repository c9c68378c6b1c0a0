using Analytics.Jobs.Configuration;
using Analytics.Pipeline.Steps;
using Analytics.Reports;
using Analytics.Testing;
using Analytics.Warehouse;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;

namespace Analytics.Jobs.Tests.Pipeline;

public sealed class ReportStepTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task A_missing_warehouse_is_a_one_line_error_naming_the_path()
    {
        var warehouse = new WarehouseOptions { Path = _directory.File("absent.duckdb") };
        var result = await Step(warehouse.Path).RunAsync(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 1), Granularity.Day, null, CancellationToken.None);
        Assert.Equal(StepOutcome.Rejected, result.Result.Outcome);
        Assert.Contains(warehouse.Path, result.Result.Cause, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', result.Result.Cause!);
    }

    [Fact]
    public async Task Reports_from_the_warehouse_opened_read_only_and_writes_under_the_period_folder()
    {
        var warehouse = new WarehouseOptions { Path = _directory.File("analytics.duckdb") };
        using (var connection = WarehouseDatabase.OpenReadWrite(warehouse.Path))
        {
            connection.Execute("""
                INSERT INTO calls (source, call_id, direction, started_at, status, answered_s, debit, currency, load_id) VALUES
                  ('callr', 'a', 'OUT', '2026-11-01 10:00:00+00', 'ANSWERED', 61, 0.5, 'EUR', 1)
                """);
        }

        var step = await Step(warehouse.Path).RunAsync(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 1), Granularity.Day, null, CancellationToken.None);
        var result = step.Report!;
        Assert.Equal((StepOutcome.Succeeded, 1L), (step.Result.Outcome, step.Result.Rows));
        Assert.Equal(Path.Combine(_directory.File("out"), "2026-11-01_2026-11-01"), result.Directory);
        Assert.Equal((1L, 61L), (result.Headline.Calls, result.Headline.Aloc));
        Assert.Equal(0.5m, result.Headline.TotalSpend["EUR"]);
    }

    [Fact]
    public async Task A_bad_memory_limit_is_a_one_line_error()
    {
        var warehouse = new WarehouseOptions { Path = _directory.File("analytics.duckdb") };
        WarehouseDatabase.OpenReadWrite(warehouse.Path).Dispose();
        var result = await Step(warehouse.Path, "lots").RunAsync(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 1), Granularity.Day, null, CancellationToken.None);
        Assert.True(result.Result.IsFailure);
        Assert.Contains("Reports:MemoryLimit 'lots'", result.Result.Cause, StringComparison.Ordinal);
    }

    private ReportStep Step(string warehouse, string memoryLimit = "160MB") => new(
        AppConfiguration.Settings(null, new Dictionary<string, string?>
        {
            ["Warehouse:Path"] = warehouse,
            ["Reports:Output"] = _directory.File("out"),
            ["Reports:MemoryLimit"] = memoryLimit,
        }),
        NullLoggerFactory.Instance, TimeProvider.System);

    public void Dispose() => _directory.Dispose();
}

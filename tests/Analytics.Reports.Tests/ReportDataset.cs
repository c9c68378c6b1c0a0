using System.Data.Common;
using Analytics.Warehouse;
using Dapper;

namespace Analytics.Reports.Tests;

/// <summary>
/// A real DuckDB file with the schema and a small hand-made dataset for Europe/Paris, 24–27 Oct 2026:
/// two currencies (EUR, USD), unpriced TeleVoIPs calls, the 25 Oct DST change (25 hours), a day without
/// calls (26 Oct), a day with no answered call (27 Oct) and calls just outside the period on both sides.
/// </summary>
public sealed class ReportDataset : IDisposable
{
    public const string TimeZone = "Europe/Paris";
    public static readonly DateOnly From = new(2026, 10, 24);
    public static readonly DateOnly To = new(2026, 10, 27);

    private const string Calls = """
        INSERT INTO calls (source, call_id, direction, started_at, status, answered_s, billed_s, duration_s, caller, callee, did,
                           country_code, destination, app_id, app_name, debit, credit, currency, load_id) VALUES
        -- 23 Oct 23:59:59 local: just before the period
        ('callr', 'c5', 'OUT', '2026-10-23 21:59:59+00', 'ANSWERED', 10, 60, 15, '+33100000001', '+447700900009', NULL, 'GB', 'United Kingdom - Mobile', 'a1', 'Sales', 0.5, 0, 'EUR', 1),
        -- 24 Oct 00:00 local (CEST, UTC+2): first instant of the period
        ('callr', 'c1', 'OUT', '2026-10-23 22:00:00+00', 'ANSWERED', 65, 120, 70, '+33100000001', '+447700900001', NULL, 'GB', 'United Kingdom - Mobile', 'a1', 'Sales', 0.12, 0, 'EUR', 1),
        ('callr', 'c2', 'IN', '2026-10-24 09:00:00+00', 'ANSWERED', 30, 60, 38, '+33612345678', '+33187000001', '+33187000001', 'FR', 'France - Mobile', 'a2', 'Support', 0.01, 0, 'EUR', 1),
        ('callr', 'c3', 'IN', '2026-10-24 21:59:00+00', 'NO_ANSWER', 0, 0, 25, '+33612345678', '+33187000001', '+33187000001', 'FR', 'France - Mobile', 'a2', 'Support', 0, 0, 'EUR', 1),
        -- 25 Oct 00:30 and 02:30 local: UTC says 24th and 25th, Paris says both on the 25th
        ('telnyx', 't1', 'OUT', '2026-10-24 22:30:00+00', 'ANSWERED', 100, 120, 104, '+12125550100', '+12125550199', NULL, 'US', 'United States', NULL, NULL, 0.05, 0, 'USD', 2),
        ('telnyx', 't2', 'OUT', '2026-10-25 00:30:00+00', 'ANSWERED', 45, 60, 50, '+12125550100', '+12125550188', NULL, 'US', 'United States', NULL, NULL, 0.025, 0, 'USD', 2),
        ('callr', 'c4', 'IN', '2026-10-25 22:30:00+00', 'ANSWERED', 200, 240, 207, '+33698765432', '+33187000002', '+33187000002', 'FR', 'France - Mobile', 'a2', 'Support', 0.03, 0, 'EUR', 1),
        -- 26 Oct: nothing. 27 Oct: TeleVoIPs calls nobody priced, none answered
        ('televoips', 'v1', 'IN', '2026-10-27 10:00:00+00', 'NO_ANSWER', 0, 0, 30, '+33111111111', '201', '+33187000001', 'FR', NULL, NULL, NULL, NULL, NULL, NULL, 3),
        ('televoips', 'v2', 'OUT', '2026-10-27 11:00:00+00', 'BUSY', 0, 0, 5, '201', '+4930123456', NULL, 'DE', NULL, NULL, NULL, NULL, NULL, NULL, 3),
        -- 28 Oct 00:00 local (CET, UTC+1): first instant after the period
        ('callr', 'c6', 'OUT', '2026-10-27 23:00:00+00', 'ANSWERED', 10, 60, 12, '+33100000001', '+447700900002', NULL, 'GB', 'United Kingdom - Mobile', 'a1', 'Sales', 0.5, 0, 'EUR', 1)
        """;

    private const string Sms = """
        INSERT INTO sms (source, message_id, direction, sent_at, sender, recipient, country_code, parts, status, debit, credit, currency, load_id) VALUES
        ('callr', 's1', 'OUT', '2026-10-24 10:00:00+00', 'ACME', '+33612345678', 'FR', 2, 'SENT', 0.1, 0, 'EUR', 1),
        ('telnyx', 's2', 'OUT', '2026-10-25 12:00:00+00', '+12125550100', '+12125550111', 'US', 1, 'delivered', 0.004, 0, 'USD', 2),
        ('telnyx', 's3', 'IN', '2026-10-25 13:00:00+00', '+12125550111', '+12125550100', 'US', 1, 'received', 0, 0, 'USD', 2),
        ('telgorithm', 's4', 'OUT', '2026-10-27 15:00:00+00', '+12125550100', '+13105550123', 'US', 3, 'Delivered', 0.012, 0, 'USD', 4),
        ('telgorithm', 's5', 'OUT', '2026-10-28 00:00:00+00', '+12125550100', '+13105550124', 'US', 1, 'Delivered', 0.004, 0, 'USD', 4)
        """;

    // Every amount here was billed by its provider, as the mappings label it.
    private const string Billed = """
        UPDATE calls SET cost_basis = 'provider' WHERE debit IS NOT NULL;
        UPDATE sms SET cost_basis = 'provider' WHERE debit IS NOT NULL;
        """;

    /// <param name="more">SQL run after the dataset is in (more rows for one test).</param>
    public ReportDataset(string? more = null)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("reports-").FullName;
        Path = System.IO.Path.Combine(Directory, "analytics.duckdb");
        using var connection = WarehouseDatabase.OpenReadWrite(Path);
        connection.Execute(Calls);
        connection.Execute(Sms);
        connection.Execute(Billed);
        if (more is not null)
            connection.Execute(more);
    }

    public string Directory { get; }

    public string Path { get; }

    public static ReportsOptions Options(string output) => new() { Output = output, TimeZone = TimeZone };

    public DbConnection OpenReadOnly()
    {
        return WarehouseDatabase.OpenReadOnly(Path);
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}

/// <summary>One dataset file shared by the tests of a class (they only read it).</summary>
public sealed class ReportDatasetFixture : IDisposable
{
    public ReportDataset Dataset { get; } = new();

    public void Dispose() => Dataset.Dispose();
}

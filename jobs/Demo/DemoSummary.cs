using System.Globalization;
using Analytics.Jobs.Cli;
using Analytics.Pipeline;

namespace Analytics.Jobs.Demo;

/// <summary>The demo's closing words: where everything is, the headline numbers, how to look further, and the check.</summary>
internal static class DemoSummary
{
    public static void Print(TextWriter output, DemoSetup setup, PipelineRunResult result, GroundTruthComparison check, bool emailed, TimeSpan elapsed)
    {
        var report = result.Report.Report!;
        var h = report.Headline;
        var records = result.Ingested.Sum(s => s.Records);
        var spend = h.TotalSpend.Count == 0 ? "none" : string.Join(" + ", h.TotalSpend.Select(p => Invariant($"{p.Value:N2} {p.Key}")));
        output.WriteLine();
        output.WriteLine(Invariant($"Done in {elapsed.TotalSeconds:0.0} s: {records:N0} records fetched over HTTP, landed, loaded and reported."));
        output.WriteLine();
        output.WriteLine($"  warehouse   {setup.Warehouse}");
        output.WriteLine($"  landing     {setup.Landing}");
        output.WriteLine($"  report      {report.Html}");
        output.WriteLine($"  CSV, charts {report.Directory}");
        output.WriteLine($"  email       {(emailed ? PipelineRunOutput.Email(result.Email) : "not configured (set Email:Host, From, To to send it)")}");
        output.WriteLine();
        output.WriteLine(Invariant($"  calls       {h.Calls:N0} ({h.InboundCalls:N0} in, {h.OutboundCalls:N0} out), ASR {h.Asr * 100:0.0} %, ALOC {h.Aloc} s, {h.BilledMinutes:N0} billed minutes"));
        output.WriteLine(Invariant($"  SMS         {h.Sms:N0} ({h.SmsParts:N0} parts)"));
        output.WriteLine($"  spend       {spend}");
        output.WriteLine();
        output.WriteLine("Look inside the warehouse (read-only; 'analytics' is 'dotnet run --project jobs --' in a checkout):");
        output.WriteLine($"  ANALYTICS__Warehouse__Path={setup.Warehouse} analytics query \"SELECT source, direction, count(*) AS calls, sum(debit) AS debit, currency FROM calls GROUP BY ALL ORDER BY ALL\"");
        output.WriteLine($"  ANALYTICS__Warehouse__Path={setup.Warehouse} analytics query \"SELECT * FROM sms LIMIT 5\" --format csv");
        output.WriteLine($"  duckdb -readonly {setup.Warehouse}   (the DuckDB CLI, if installed)");
        output.WriteLine();
        if (check.Matches)
        {
            output.WriteLine(Invariant($"Ground truth: all {check.Groups} source/day/direction totals equal what the sandbox served (counts, answered seconds, parts, debit per currency)."));
            return;
        }

        output.WriteLine(Invariant($"Ground truth: {check.Mismatches.Count} figures differ from what the sandbox served:"));
        foreach (var mismatch in check.Mismatches.Take(20))
            output.WriteLine($"  {mismatch}");
    }

    /// <summary>Whether every figure of the providers' own totals agrees with the warehouse (says which do not); true when all are ok.</summary>
    public static bool PrintReconciliation(TextWriter output, IReadOnlyList<Analytics.Warehouse.Reconcile.ReconciliationRow> rows)
    {
        var off = rows.Where(r => r.Status != "ok").ToList();
        if (off.Count == 0)
        {
            output.WriteLine(Invariant($"Reconciliation: all {rows.Count} figures of Telnyx's and CALLR's own totals (usage reports, analytics summaries) are ok against the warehouse."));
            return rows.Count > 0;
        }

        output.WriteLine(Invariant($"Reconciliation: {off.Count} of {rows.Count} figures are not ok (analytics status shows them):"));
        foreach (var r in off.Take(20))
            output.WriteLine(Invariant($"  {r.Source} {r.Day:yyyy-MM-dd} {r.Kind} {r.Direction} {r.Currency} {r.Metric}: {r.Status}, warehouse {r.WarehouseValue}, provider {r.ProviderValue}"));
        return false;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

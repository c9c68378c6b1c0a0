using Analytics.Jobs.History;
using Analytics.Warehouse.Reconcile;

namespace Analytics.Jobs.Tests.History;

/// <summary>The reconciliation section of <c>analytics status</c>: ok days folded into one line per source, every other figure in full.</summary>
public sealed class ReconciliationSectionTests
{
    private static readonly DateOnly Last = new(2026, 12, 5);

    [Fact]
    public void A_week_of_ok_days_is_one_line_per_source()
    {
        var rows = Week("telnyx", 18).Concat(Week("callr", 12)).ToList();

        Assert.Equal(
            "Reconciliation against the providers' own totals (counts exact, seconds and money within 0.5 %), latest 7 days\n" +
            "  callr      7 days ok (84 figures), 2026-11-29 … 2026-12-05\n" +
            "  telnyx     7 days ok (126 figures), 2026-11-29 … 2026-12-05\n",
            ReconciliationSection.Render(rows).ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Each_figure_not_ok_is_listed_with_its_day_currency_metric_both_values_and_the_delta()
    {
        var rows = Week("telnyx", 18).Where(r => r.Day != Last).ToList();
        rows.AddRange(Day("telnyx", Last, 16));
        rows.Add(new ReconciliationRow("telnyx", Last, "calls", "OUT", "USD", "cost", 18.8608m, 17.1462m, -1.7146m, "mismatch", 0.5m));
        rows.Add(new ReconciliationRow("telnyx", Last, "calls", "OUT", "USD", "count", 10_001m, 10_000m, -1m, "mismatch", 0m));
        rows.AddRange(Week("callr", 12).Where(r => r.Day != Last.AddDays(-2)));
        rows.Add(new ReconciliationRow("callr", Last.AddDays(-2), "sms", "IN", "EUR", "count", null, 42m, null, "unavailable", 0m));

        Assert.Equal(
            "Reconciliation against the providers' own totals (counts exact, seconds and money within 0.5 %), latest 7 days\n" +
            "  callr      6 days ok (72 figures), 2026-11-29 … 2026-12-05; 1 day not ok:\n" +
            "  callr      2026-12-03  UNAVAILABLE  SMS IN EUR count: callr did not answer, warehouse 42\n" +
            "             callr did not answer its totals for the unavailable figures; 'analytics run --from 2026-12-03 --to 2026-12-03 --source callr' asks again\n" +
            "  telnyx     6 days ok (108 figures), 2026-11-29 … 2026-12-04; 1 day not ok:\n" +
            "  telnyx     2026-12-05  MISMATCH     calls OUT USD cost: telnyx 18.8608, warehouse 17.1462, off by -1.7146 (-9.091%)\n" +
            "  telnyx     2026-12-05  MISMATCH     calls OUT USD count: telnyx 10001, warehouse 10000, off by -1 (-0.01%)\n",
            ReconciliationSection.Render(rows).ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_source_with_no_ok_day_says_so()
    {
        var rows = new List<ReconciliationRow> { new("telnyx", Last, "sms", "OUT", "USD", "parts", 4m, 3m, -1m, "mismatch", 0m) };

        Assert.Equal(
            "  telnyx     no day ok; 1 day not ok:\n" +
            "  telnyx     2026-12-05  MISMATCH     SMS OUT USD parts: telnyx 4, warehouse 3, off by -1 (-25.0%)\n",
            string.Join("\n", ReconciliationSection.Render(rows).ReplaceLineEndings("\n").Split('\n').Skip(1)));
    }

    private static IEnumerable<ReconciliationRow> Week(string source, int figures) =>
        Enumerable.Range(0, 7).SelectMany(i => Day(source, Last.AddDays(-i), figures));

    private static IEnumerable<ReconciliationRow> Day(string source, DateOnly day, int figures) =>
        Enumerable.Range(0, figures).Select(i => new ReconciliationRow(source, day, i % 2 == 0 ? "calls" : "sms", "OUT", "USD", $"metric{i}", 1m, 1m, 0m, "ok", i % 3 == 0 ? 0m : 0.5m));
}

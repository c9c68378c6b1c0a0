using System.Globalization;
using System.Text;
using Analytics.Warehouse.Reconcile;

namespace Analytics.Jobs.History;

/// <summary>
/// The reconciliation part of <c>analytics status</c>: per source one line folding the days whose every figure is ok, then
/// each figure that is not (mismatch or unavailable) on its own line with its day, currency, metric, both figures and the
/// delta, so a week of agreement is one line and what needs a person is never buried in it.
/// </summary>
internal static class ReconciliationSection
{
    /// <summary>Days shown.</summary>
    public const int Days = 7;

    public static string Render(IReadOnlyList<ReconciliationRow> rows)
    {
        if (rows.Count == 0)
            return "";
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Reconciliation against the providers' own totals (counts exact, seconds and money within {rows.Max(r => r.TolerancePercent):0.####} %), latest {Days} days");
        foreach (var source in rows.GroupBy(r => r.Source).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var days = source.GroupBy(r => r.Day).ToList();
            var okDays = days.Where(d => d.All(r => r.Status == "ok")).Select(d => d.Key).Order().ToList();
            var okFigures = days.Where(d => okDays.Contains(d.Key)).Sum(d => d.Count());
            var notOk = days.Count - okDays.Count;
            text.Append(CultureInfo.InvariantCulture, $"  {source.Key,-11}");
            text.Append(okDays.Count == 0 ? "no day ok" : Invariant(
                $"{okDays.Count} {(okDays.Count == 1 ? "day" : "days")} ok ({okFigures} figures), {okDays[0]:yyyy-MM-dd}{(okDays.Count > 1 ? Invariant($" … {okDays[^1]:yyyy-MM-dd}") : "")}"));
            text.AppendLine(notOk == 0 ? "" : Invariant($"; {notOk} {(notOk == 1 ? "day" : "days")} not ok:"));
            foreach (var r in source.Where(r => r.Status != "ok").OrderByDescending(r => r.Day))
                text.AppendLine(Figure(r));
            var unavailable = source.Where(r => r.Status == "unavailable").Select(r => r.Day).ToList();
            if (unavailable.Count > 0)
                text.AppendLine(Invariant(
                    $"  {"",-11}{source.Key} did not answer its totals for the unavailable figures; 'analytics run --from {unavailable.Min():yyyy-MM-dd} --to {unavailable.Max():yyyy-MM-dd} --source {source.Key}' asks again"));
        }
        return text.ToString();
    }

    // One figure that is not ok: source, day, what it counts, the provider's figure, the warehouse's and the delta.
    private static string Figure(ReconciliationRow r)
    {
        var what = Invariant($"{(r.Kind == "sms" ? "SMS" : "calls")} {r.Direction} {r.Currency} {r.Metric.Replace('_', ' ')}");
        if (r.Status == "unavailable")
            return Invariant($"  {r.Source,-11}{r.Day:yyyy-MM-dd}  UNAVAILABLE  {what}: {r.Source} did not answer, warehouse {r.WarehouseValue:0.####}");
        var share = r.ProviderValue is { } p && p != 0 ? Invariant($" ({r.Difference / p:+0.0##%;-0.0##%})") : "";
        return Invariant(
            $"  {r.Source,-11}{r.Day:yyyy-MM-dd}  {r.Status.ToUpperInvariant(),-11}  {what}: {r.Source} {r.ProviderValue:0.####}, warehouse {r.WarehouseValue:0.####}, off by {r.Difference:+0.####;-0.####;0}{share}");
    }

    private static string Invariant(FormattableString value) => FormattableString.Invariant(value);
}

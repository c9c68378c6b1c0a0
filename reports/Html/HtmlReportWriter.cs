using System.Globalization;
using System.Net;
using System.Text;
using Analytics.Reports.Aggregates;
using Analytics.Reports.Charts;
using Analytics.Reports.Tables;
using Analytics.Reports.Trust;

namespace Analytics.Reports.Html;

/// <summary>
/// <c>index.html</c> of a report: one self-contained page (inline CSS and SVG, no external asset), full width —
/// alerts and completeness first, then headline cards, finance's spend chart, the other charts, then every table
/// with human headers, thousands separators and percentages (history newest first), and links to every CSV and
/// to the previous and next report. Every value is HTML-encoded.
/// </summary>
internal static class HtmlReportWriter
{
    private const int TableRows = 25;

    public const string Style = """
        body{font-family:'DejaVu Sans',Arial,sans-serif;color:#222;margin:0;padding:16px 24px;font-size:15px}
        h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;margin:28px 0 8px;border-bottom:1px solid #ddd}h3{font-size:16px;margin:18px 0 6px}
        .meta,.note{color:#666;font-size:13px}.nav a{margin-right:16px}
        .cards{display:flex;flex-wrap:wrap;gap:8px;margin-top:12px}
        .card{border:1px solid #ddd;border-radius:6px;padding:8px 12px;min-width:150px}
        .card b{display:block;font-size:21px}.card span{color:#555;font-size:13px}
        .banner{border-radius:6px;padding:10px 14px;margin:10px 0}.partial{background:#fde2e1;border:1px solid #d33}
        .alerts{background:#fff4d6;border:1px solid #e0a800}.ok{background:#eaf6ea;border:1px solid #6a6}
        .banner ul{margin:4px 0 0;padding-left:20px}
        .charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,520px),1fr));gap:16px}
        .charts svg{width:100%;height:auto;display:block}
        .scroll{overflow-x:auto}table{border-collapse:collapse;font-size:13px;margin:6px 0}
        th,td{border:1px solid #ddd;padding:4px 8px;white-space:nowrap;text-align:left}th{background:#f3f3f3}td.n{text-align:right}
        @media (max-width:480px){body{padding:10px 8px}.card{min-width:0;flex:1 1 40%}}
        """;

    public static string Render(ReportData data, ReportDigest digest, IReadOnlyList<DrawnChart> charts, (string? Previous, string? Next) neighbours)
    {
        var p = data.Period;
        var html = new StringBuilder();
        var title = (digest.Partial ? "PARTIAL " : "") + string.Create(CultureInfo.InvariantCulture, $"Analytics report {digest.Period}");
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>")
            .Append(E(title)).Append("</title><style>").Append(Style).Append("</style></head><body>\n");
        html.Append("<p class=\"nav\"><a href=\"../index.html\">All reports</a>");
        if (neighbours.Previous is { } previous)
            html.Append("<a href=\"../").Append(E(previous)).Append("/index.html\">← Previous (").Append(E(previous)).Append(")</a>");
        if (neighbours.Next is { } next)
            html.Append("<a href=\"../").Append(E(next)).Append("/index.html\">Next (").Append(E(next)).Append(") →</a>");
        html.Append("</p>\n<h1>").Append(HtmlText.KeepDates(title)).Append("</h1>\n<p class=\"meta\">")
            .Append(E(string.Create(CultureInfo.InvariantCulture,
                $"Days in {p.TimeZone}, {p.Granularity.ToString().ToLowerInvariant()} buckets · generated {digest.GeneratedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC")))
            .Append("</p>\n");
        Trust(html, digest);
        Cards(html, digest.Headline);
        html.Append("<h2>Charts</h2>\n<div class=\"charts\">\n");
        foreach (var chart in charts)
            html.Append("<figure style=\"margin:0\">").Append(InlineSvg(chart.Svg)).Append("</figure>\n");
        html.Append("</div>\n<h2>Tables</h2>\n<p class=\"note\">Amounts in major units; “unpriced” means nobody priced those calls, so their spend is unknown. Files: ");
        html.AppendJoin(" · ", ReportTables.All.Select(t => $"<a href=\"{E(t.CsvFile)}\">{E(t.CsvFile)}</a>"))
            .Append(" · <a href=\"analytics.json\">analytics.json</a> · <a href=\"headline.json\">headline.json</a></p>\n");
        // The alerts are in the banner on top; their table (figures and what each is compared with) only when there are some.
        foreach (var table in ReportTables.HtmlOrder.Where(t => !ReferenceEquals(t, ReportTables.Alerts) || data.Alerts.Count > 0))
            Table(html, table, data);
        html.Append("</body></html>\n");
        return html.ToString();
    }

    /// <summary>Alerts and completeness, on top: a partial report never looks complete.</summary>
    public static void Trust(StringBuilder html, ReportDigest digest)
    {
        if (digest.Partial)
        {
            html.Append("<div class=\"banner partial\"><b>PARTIAL report: some configured sources are missing or incomplete.</b><ul>");
            foreach (var line in TrustText.Coverage(digest.Coverage))
                html.Append("<li>").Append(E(line)).Append("</li>");
            html.Append("</ul></div>\n");
        }

        if (digest.Alerts.Count > 0)
        {
            html.Append("<div class=\"banner alerts\"><b>").Append(digest.Alerts.Count).Append(digest.Alerts.Count == 1 ? " alert" : " alerts")
                .Append("</b> (<a href=\"alerts.csv\">alerts.csv</a>)<ul>");
            foreach (var alert in digest.Alerts)
                html.Append("<li>").Append(E(alert.Message)).Append("</li>");
            html.Append("</ul></div>\n");
        }

        if (!digest.Partial)
        {
            html.Append("<div class=\"banner ok\"><ul>");
            foreach (var line in TrustText.Coverage(digest.Coverage))
                html.Append("<li>").Append(E(line)).Append("</li>");
            html.Append("</ul></div>\n");
        }

        if (TrustText.Unpriced(digest.Headline) is { } unpriced)
            html.Append("<p class=\"note\"><b>").Append(E(unpriced)).Append("</b></p>\n");
    }

    private static void Cards(StringBuilder html, ReportHeadline h)
    {
        html.Append("<div class=\"cards\">\n");
        foreach (var (currency, amount) in h.TotalSpend)
            Card(html, Money(amount) + " " + currency, SpendBasis(h, currency));
        if (h.TotalSpend.Count == 0)
            Card(html, "—", "spend (nothing priced)");
        Card(html, Int(h.Calls), string.Create(CultureInfo.InvariantCulture, $"calls ({h.InboundCalls:N0} in, {h.OutboundCalls:N0} out)"));
        Card(html, Cell.Percent(h.Asr), "ASR");
        Card(html, Int(h.Aloc) + " s", "ALOC");
        Card(html, h.BilledMinutes.ToString("N2", CultureInfo.InvariantCulture), "billed minutes");
        if (h.UnpricedCalls > 0)
            Card(html, Int(h.UnpricedCalls) + " (" + Cell.Percent(h.UnpricedShare) + ")", "unpriced calls (spend unknown)");
        Card(html, Int(h.Sms) + " / " + Int(h.SmsParts), "SMS / parts");
        foreach (var (currency, amount) in h.SmsSpend)
            Card(html, Money(amount) + " " + currency, "SMS spend");
        html.Append("</div>\n");
    }

    // Estimated spend (priced from the rate deck) is never shown as if a provider had billed it.
    private static string SpendBasis(ReportHeadline h, string currency) =>
        h.EstimatedSpend?.GetValueOrDefault(currency) is { } estimated and not 0m
            ? $"spend (calls + SMS): {Money(h.BilledSpend[currency])} billed, {Money(estimated)} estimated from the rate deck"
            : "spend (calls + SMS), billed by the providers";

    private static void Card(StringBuilder html, string value, string label) =>
        html.Append("<div class=\"card\"><b>").Append(E(value)).Append("</b><span>").Append(E(label)).Append("</span></div>\n");

    private static void Table(StringBuilder html, IReportTable table, ReportData data)
    {
        var (header, rows) = table.Html(data);
        html.Append("<h3>").Append(E(table.Title)).Append(" <span class=\"note\">(<a href=\"").Append(E(table.CsvFile)).Append("\">")
            .Append(E(table.CsvFile)).Append("</a>)</span></h3>\n<div class=\"scroll\"><table><tr>");
        foreach (var (label, _) in header)
            html.Append("<th>").Append(E(label)).Append("</th>");
        html.Append("</tr>\n");
        foreach (var row in rows.Take(TableRows))
        {
            html.Append("<tr>");
            for (var i = 0; i < row.Count; i++)
                html.Append(header[i].Numeric ? "<td class=\"n\">" : "<td>").Append(E(row[i])).Append("</td>");
            html.Append("</tr>\n");
        }

        html.Append("</table></div>\n");
        if (rows.Count > TableRows)
            html.Append("<p class=\"note\">").Append(E(string.Create(CultureInfo.InvariantCulture, $"{rows.Count - TableRows:N0} more rows in {table.CsvFile}."))).Append("</p>\n");
    }

    // ScottPlot's SVG carries a fixed width and height; a viewBox lets the page scale it to its column.
    private static string InlineSvg(string svg)
    {
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        svg = start > 0 ? svg[start..] : svg;
        return svg.Contains("viewBox", StringComparison.Ordinal)
            ? svg
            : svg.Replace("<svg ", string.Create(CultureInfo.InvariantCulture, $"<svg viewBox=\"0 0 {ChartRenderer.Width} {ChartRenderer.Height}\" "), StringComparison.Ordinal);
    }

    private static string Money(decimal amount) => amount.ToString("N2", CultureInfo.InvariantCulture);

    private static string Int(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}

using System.Globalization;
using System.Net;
using System.Text;
using Analytics.Reports.Aggregates;
using Analytics.Reports.Csv;

namespace Analytics.Reports.Html;

/// <summary>
/// <c>index.html</c>: one self-contained page (inline CSS and SVG, no external asset) — headline numbers,
/// finance's spend charts first, then the other charts, then the tables. Every value is HTML-encoded.
/// </summary>
internal static class HtmlReportWriter
{
    private const int TableRows = 25;

    private const string Style = """
        body{font-family:DejaVu Sans,Arial,sans-serif;color:#222;max-width:800px;margin:0 auto;padding:16px}
        h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #ddd}
        .meta{color:#666;font-size:13px}.cards{display:flex;flex-wrap:wrap;gap:8px;margin-top:12px}
        .card{border:1px solid #ddd;border-radius:6px;padding:8px 12px;min-width:140px}
        .card b{display:block;font-size:20px}.card span{color:#666;font-size:12px}
        svg{max-width:100%;height:auto;display:block;margin:8px 0}
        table{border-collapse:collapse;font-size:12px;margin:6px 0;display:block;overflow-x:auto}
        th,td{border:1px solid #ddd;padding:3px 6px;text-align:right;white-space:nowrap}th{background:#f3f3f3}
        .note{color:#666;font-size:12px}
        """;

    public static async Task<string> WriteAsync(ReportData data, ReportHeadline headline, IReadOnlyList<(string Title, string Svg)> spend,
        IReadOnlyList<(string Title, string Svg)> charts, DateTimeOffset generatedAt, string directory, CancellationToken cancellationToken)
    {
        var path = Path.Combine(directory, "index.html");
        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, Render(data, headline, spend, charts, generatedAt), new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
        File.Move(temporary, path, overwrite: true);
        return path;
    }

    public static string Render(ReportData data, ReportHeadline headline, IReadOnlyList<(string Title, string Svg)> spend,
        IReadOnlyList<(string Title, string Svg)> charts, DateTimeOffset generatedAt)
    {
        var p = data.Period;
        var html = new StringBuilder();
        var title = string.Create(CultureInfo.InvariantCulture, $"Analytics report {p.From:yyyy-MM-dd} – {p.To:yyyy-MM-dd}");
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append("</title><style>")
            .Append(Style).Append("</style></head><body>\n");
        html.Append("<h1>").Append(E(title)).Append("</h1>\n<p class=\"meta\">")
            .Append(E(string.Create(CultureInfo.InvariantCulture,
                $"Days in {p.TimeZone}, {p.Granularity.ToString().ToLowerInvariant()} buckets · generated {generatedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC")))
            .Append("</p>\n");
        Cards(html, headline);
        html.Append("<h2>Spend</h2>\n");
        foreach (var (_, svg) in spend)
            html.Append(svg);
        html.Append("<h2>Traffic</h2>\n");
        foreach (var (_, svg) in charts)
            html.Append(svg);
        html.Append("<h2>Tables</h2>\n<p class=\"note\">Amounts in major units; an empty debit means unpriced. Full data in the CSV files beside this page.</p>\n");
        Table(html, "Calls summary", "calls_summary.csv", ReportTables.CallsSummary, data.CallsSummary);
        Table(html, "SMS summary", "sms_summary.csv", ReportTables.SmsSummary, data.SmsSummary);
        Table(html, "Calls by destination", "calls_by_destination.csv", ReportTables.CallsByDestination, data.CallsByDestination);
        Table(html, "Calls by country", "calls_by_country.csv", ReportTables.CallsByCountry, data.CallsByCountry);
        Table(html, "Calls by app", "calls_by_app.csv", ReportTables.CallsByApp, data.CallsByApp);
        Table(html, "Calls by DID", "calls_by_did.csv", ReportTables.CallsByDid, data.CallsByDid);
        Table(html, "Calls history", "calls_history.csv", ReportTables.CallsHistory, data.CallsHistory.Where(r => r.Source == "ALL").ToList());
        Table(html, "SMS history", "sms_history.csv", ReportTables.SmsHistory, data.SmsHistory.Where(r => r.Source == "ALL").ToList());
        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static void Cards(StringBuilder html, ReportHeadline h)
    {
        html.Append("<div class=\"cards\">\n");
        foreach (var (currency, amount) in h.TotalSpend)
            Card(html, Money(amount) + " " + currency, "spend (calls + SMS)");
        if (h.TotalSpend.Count == 0)
            Card(html, "—", "spend (nothing priced)");
        Card(html, Int(h.Calls), string.Create(CultureInfo.InvariantCulture, $"calls ({h.InboundCalls:N0} in, {h.OutboundCalls:N0} out)"));
        Card(html, (h.Asr * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %", "ASR");
        Card(html, Int(h.Aloc) + " s", "ALOC");
        Card(html, h.BilledMinutes.ToString("N2", CultureInfo.InvariantCulture), "billed minutes");
        if (h.UnpricedCalls > 0)
            Card(html, Int(h.UnpricedCalls), "unpriced calls (spend unknown)");
        Card(html, Int(h.Sms) + " / " + Int(h.SmsParts), "SMS / parts");
        foreach (var (currency, amount) in h.SmsSpend)
            Card(html, Money(amount) + " " + currency, "SMS spend");
        html.Append("</div>\n");
    }

    private static void Card(StringBuilder html, string value, string label) =>
        html.Append("<div class=\"card\"><b>").Append(E(value)).Append("</b><span>").Append(E(label)).Append("</span></div>\n");

    private static void Table<T>(StringBuilder html, string title, string file, IReadOnlyList<Column<T>> columns, IReadOnlyList<T> rows)
    {
        html.Append("<h3>").Append(E(title)).Append("</h3>\n<table><tr>");
        foreach (var column in columns)
            html.Append("<th>").Append(E(column.Header)).Append("</th>");
        html.Append("</tr>\n");
        foreach (var row in rows.Take(TableRows))
        {
            html.Append("<tr>");
            foreach (var column in columns)
                html.Append("<td>").Append(E(column.Value(row))).Append("</td>");
            html.Append("</tr>\n");
        }

        html.Append("</table>\n");
        if (rows.Count > TableRows)
            html.Append("<p class=\"note\">").Append(E(string.Create(CultureInfo.InvariantCulture, $"{rows.Count - TableRows:N0} more rows in {file}."))).Append("</p>\n");
    }

    private static string Money(decimal amount) => amount.ToString("N2", CultureInfo.InvariantCulture);

    private static string Int(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}

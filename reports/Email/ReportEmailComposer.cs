using System.Globalization;
using System.Net;
using System.Text;
using Analytics.Reports.Trust;
using MimeKit;
using MimeKit.Utils;

namespace Analytics.Reports.Email;

/// <summary>
/// Builds the report email with MimeKit: Message-ID and Date; a subject that starts with PARTIAL when a
/// configured source failed or misses days and counts the alerts; multipart/alternative with a text part and an
/// HTML part whose charts are inline PNGs (<c>cid:</c>, in finance's order, each titled inside) laid out to scale
/// down to a ~360 px phone; the CSVs attached.
/// </summary>
internal static class ReportEmailComposer
{
    public static string Subject(ReportDigest d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var subject = new StringBuilder(TrustText.PartialPrefix(d.Coverage));
        subject.Append(CultureInfo.InvariantCulture, $"Analytics {d.Period}: {d.Headline.Calls:N0} calls, {SpendPhrase(d.Headline.TotalSpend, spendFirst: false)}");
        if (d.Headline.UnpricedCalls > 0)
            subject.Append(CultureInfo.InvariantCulture, $", {d.Headline.UnpricedShare * 100:0} % unpriced");
        if (d.Alerts.Count > 0)
            subject.Append(CultureInfo.InvariantCulture, $" — {d.Alerts.Count} {(d.Alerts.Count == 1 ? "alert" : "alerts")}: {d.Alerts[0].Message}");
        return subject.ToString();
    }

    public static MimeMessage Compose(ReportEmail report, MailboxAddress from, IEnumerable<MailboxAddress> to, DateTimeOffset date)
    {
        var message = new MimeMessage { Subject = Subject(report.Digest), Date = date, MessageId = MimeUtils.GenerateMessageId(from.Domain) };
        message.From.Add(from);
        message.To.AddRange(to);
        var charts = report.Digest.Charts.Select((c, i) => (Chart: c, Path: Path.Combine(report.Folder, c.Png), Id: ContentId(c.Png, i)))
            .Where(c => File.Exists(c.Path)).ToList();
        var body = new BodyBuilder { TextBody = Text(report.Digest), HtmlBody = Html(report.Digest, [.. charts.Select(c => (c.Id, c.Chart))]) };
        foreach (var (_, path, id) in charts)
        {
            var image = body.LinkedResources.Add(path, new ContentType("image", "png"));
            image.ContentId = id;
        }

        foreach (var csv in report.Csvs)
            body.Attachments.Add(csv, new ContentType("text", "csv"));
        message.Body = body.ToMessageBody();
        return message;
    }

    public static string Text(ReportDigest d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var h = d.Headline;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Analytics report {d.Period}{(d.Partial ? " — PARTIAL" : "")}\n\n");
        if (d.Alerts.Count > 0)
        {
            text.Append("ALERTS\n");
            foreach (var alert in d.Alerts)
                text.Append("- ").Append(alert.Message).Append('\n');
            text.Append('\n');
        }

        foreach (var line in TrustText.Coverage(d.Coverage))
            text.Append(line).Append('\n');
        text.Append('\n');
        text.Append("Spend: ").Append(SpendText(h.TotalSpend)).Append(" (calls + SMS)").Append(SpendBasis(h)).Append('\n');
        text.Append(CultureInfo.InvariantCulture, $"Calls: {h.Calls:N0} ({h.InboundCalls:N0} in, {h.OutboundCalls:N0} out), ASR {AsrText(h.Calls, h.Asr)}, ALOC {AlocText(h.Calls, h.Asr, h.Aloc)}\n");
        text.Append(CultureInfo.InvariantCulture, $"Unpriced calls: {h.UnpricedCalls:N0} of {h.Calls:N0} ({h.UnpricedShare * 100:0.0} %)\n");
        text.Append(CultureInfo.InvariantCulture, $"SMS: {h.Sms:N0} ({h.SmsParts:N0} parts)\n");
        if (d.Comparison.Count > 0)
        {
            text.Append("\nCompared with the previous period").Append(d.Comparison.Any(c => c.WeekAgo is not null) ? " (and the same weekday a week before)" : "").Append(":\n");
            foreach (var line in ComparisonLines(d))
                text.Append("- ").Append(line).Append('\n');
        }

        if (d.Sources.Count > 0)
        {
            text.Append("\nBy source:\n");
            foreach (var s in d.Sources)
                text.Append(CultureInfo.InvariantCulture, $"- {s.Source}: {s.Calls:N0} calls, ASR {AsrText(s.Calls, s.Asr)}, ALOC {AlocText(s.Calls, s.Asr, s.Aloc)}, {SpendPhrase(s.Spend, spendFirst: true)}{(s.UnpricedCalls > 0 ? $", {s.UnpricedCalls:N0} unpriced" : "")}, {s.Sms:N0} SMS\n");
        }

        text.Append("\nCharts are in the HTML version of this email; the full report is index.html in the report folder.\n");
        if (d.Csvs.Count > 0)
            text.Append("Attached: ").Append(string.Join(", ", d.Csvs)).Append('\n');
        return text.ToString();
    }

    public static string Html(ReportDigest d, IReadOnlyList<(string Id, ChartFile Chart)> charts)
    {
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(charts);
        var h = d.Headline;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>")
            .Append(E(Subject(d))).Append("</title></head>\n<body style=\"margin:0;padding:12px;font-family:'DejaVu Sans',Arial,sans-serif;font-size:16px;line-height:1.4;color:#222\">\n")
            .Append("<div style=\"max-width:820px;margin:0 auto\">\n");
        html.Append(CultureInfo.InvariantCulture, $"<h1 style=\"font-size:22px;margin:0 0 8px\">Analytics {Reports.Html.HtmlText.KeepDates(d.Period)}{(d.Partial ? " — <span style=\"color:#b00\">PARTIAL</span>" : "")}</h1>\n");
        if (d.Alerts.Count > 0)
        {
            html.Append("<div style=\"background:#fff4d6;border:1px solid #e0a800;border-radius:6px;padding:8px 12px;margin:8px 0\"><b>")
                .Append(d.Alerts.Count).Append(d.Alerts.Count == 1 ? " alert" : " alerts").Append("</b><ul style=\"margin:4px 0;padding-left:20px\">");
            foreach (var alert in d.Alerts)
                html.Append("<li>").Append(E(alert.Message)).Append("</li>");
            html.Append("</ul></div>\n");
        }

        var coverageStyle = d.Partial ? "background:#fde2e1;border:1px solid #d33" : "background:#eaf6ea;border:1px solid #6a6";
        html.Append("<div style=\"").Append(coverageStyle).Append(";border-radius:6px;padding:8px 12px;margin:8px 0\">");
        html.AppendJoin("<br>", TrustText.Coverage(d.Coverage).Select(E)).Append("</div>\n");
        html.Append("<table role=\"presentation\" cellpadding=\"4\" style=\"border-collapse:collapse;width:100%\">\n");
        Row(html, "Spend", SpendText(h.TotalSpend) + " (calls + SMS)" + SpendBasis(h));
        Row(html, "Calls", string.Create(CultureInfo.InvariantCulture, $"{h.Calls:N0} ({h.InboundCalls:N0} in, {h.OutboundCalls:N0} out)"));
        Row(html, "ASR / ALOC", $"{AsrText(h.Calls, h.Asr)} / {AlocText(h.Calls, h.Asr, h.Aloc)}");
        Row(html, "Unpriced calls", string.Create(CultureInfo.InvariantCulture, $"{h.UnpricedCalls:N0} of {h.Calls:N0} ({h.UnpricedShare * 100:0.0} %)"), h.UnpricedCalls > 0);
        Row(html, "SMS", string.Create(CultureInfo.InvariantCulture, $"{h.Sms:N0} ({h.SmsParts:N0} parts)"));
        html.Append("</table>\n");
        if (d.Comparison.Count > 0)
        {
            html.Append("<h2 style=\"font-size:18px;margin:16px 0 4px\">Compared with the previous period</h2><ul style=\"margin:0;padding-left:20px\">");
            foreach (var line in ComparisonLines(d))
                html.Append("<li>").Append(E(line)).Append("</li>");
            html.Append("</ul>\n");
        }

        if (d.Sources.Count > 0)
        {
            html.Append("<h2 style=\"font-size:18px;margin:16px 0 4px\">By source</h2><ul style=\"margin:0;padding-left:20px\">");
            foreach (var s in d.Sources)
                html.Append("<li><b>").Append(E(s.Source)).Append("</b>: ").Append(E(string.Create(CultureInfo.InvariantCulture,
                    $"{s.Calls:N0} calls, ASR {AsrText(s.Calls, s.Asr)}, ALOC {AlocText(s.Calls, s.Asr, s.Aloc)}, {SpendPhrase(s.Spend, spendFirst: true)}{(s.UnpricedCalls > 0 ? $", {s.UnpricedCalls:N0} unpriced" : "")}, {s.Sms:N0} SMS"))).Append("</li>");
            html.Append("</ul>\n");
        }

        // Each chart draws its own title (and note) at the top of the image: the alt text carries it where images are blocked.
        foreach (var (id, chart) in charts)
        {
            var alt = chart.Note is null ? chart.Title : chart.Title + " — " + chart.Note;
            html.Append("<img src=\"cid:").Append(E(id)).Append("\" alt=\"").Append(E(alt)).Append("\" width=\"560\" style=\"width:100%;max-width:600px;height:auto;display:block;margin:20px 0 0\">\n");
        }

        html.Append("<p style=\"color:#555;font-size:14px\">The full report is index.html in the report folder; the CSV files are attached.</p>\n</div></body></html>\n");
        return html.ToString();
    }

    // Estimated spend (priced from the rate deck) is never read as billed spend.
    private static string SpendBasis(ReportHeadline h) => h.HasEstimatedSpend
        ? $": {SpendText(h.BilledSpend)} billed, {SpendText(h.EstimatedSpend!.Where(s => s.Value != 0m).ToDictionary())} estimated from the rate deck"
        : ", billed by the providers";

    internal static string SpendText(IReadOnlyDictionary<string, decimal> spend) =>
        spend.Count == 0 ? "nothing priced" : string.Join(" + ", spend.Select(s => Money(s.Key, s.Value)));

    /// <summary>"spend €1.00 + $2.00" (or "€1.00 + $2.00 spend"), and "nothing priced" rather than a sum of nothing.</summary>
    private static string SpendPhrase(IReadOnlyDictionary<string, decimal> spend, bool spendFirst) =>
        spend.Count == 0 ? SpendText(spend) : spendFirst ? "spend " + SpendText(spend) : SpendText(spend) + " spend";

    internal static string Money(string currency, decimal amount) => currency.ToUpperInvariant() switch
    {
        "EUR" => string.Create(CultureInfo.InvariantCulture, $"€{amount:N2}"),
        "USD" => string.Create(CultureInfo.InvariantCulture, $"${amount:N2}"),
        "GBP" => string.Create(CultureInfo.InvariantCulture, $"£{amount:N2}"),
        var code => string.Create(CultureInfo.InvariantCulture, $"{amount:N2} {code}"),
    };

    private static IEnumerable<string> ComparisonLines(ReportDigest d) => d.Comparison.Where(c => c.Metric is Comparisons.Calls or Comparisons.Spend or Comparisons.Asr)
        .Select(c =>
        {
            string Value(decimal v) => c.Metric switch
            {
                Comparisons.Spend => Money(c.Currency ?? "", v),
                Comparisons.Asr => string.Create(CultureInfo.InvariantCulture, $"{v * 100:0.0} %"),
                _ => v.ToString("N0", CultureInfo.InvariantCulture),
            };
            string Delta(decimal change, decimal? percent) => c.Metric == Comparisons.Asr
                ? string.Create(CultureInfo.InvariantCulture, $"{change * 100:+0.0;-0.0;0.0} points")
                : (change >= 0 ? "+" : "-") + Value(Math.Abs(change)) + (percent is { } p ? string.Create(CultureInfo.InvariantCulture, $" ({p * 100:+0.0;-0.0;0.0} %)") : "");
            var current = c.Current is { } now ? Value(now) : "—";
            var line = c.Previous is { } previous && c.Change is { } change
                ? $"{Comparisons.Label(c.Metric)}: {current}, {Delta(change, c.ChangePercent)} vs {Value(previous)}"
                : c.Previous is { } earlier
                    ? $"{Comparisons.Label(c.Metric)}: {current} vs {Value(earlier)}"
                    : $"{Comparisons.Label(c.Metric)}: {current}, no earlier data to compare";
            return c.WeekAgo is { } week && c.ChangeWeek is { } changeWeek ? line + $"; {Delta(changeWeek, c.ChangeWeekPercent)} vs {Value(week)} a week before" : line;
        });

    // ASR of no calls and ALOC of no answered call are undefined: "—", not "0.0 %" or "0 s".
    private static string AsrText(long calls, decimal asr) =>
        calls == 0 ? "—" : string.Create(CultureInfo.InvariantCulture, $"{asr * 100:0.0} %");

    private static string AlocText(long calls, decimal asr, long aloc) =>
        calls == 0 || asr == 0 ? "—" : string.Create(CultureInfo.InvariantCulture, $"{aloc:N0} s");

    private static void Row(StringBuilder html, string label, string value, bool strong = false) =>
        html.Append("<tr><th align=\"left\" style=\"border-bottom:1px solid #eee;white-space:nowrap\">").Append(E(label))
            .Append("</th><td style=\"border-bottom:1px solid #eee\">").Append(strong ? "<b>" : "").Append(E(value)).Append(strong ? "</b>" : "").Append("</td></tr>\n");

    // Content-IDs must be unique in the message and use only atext characters.
    private static string ContentId(string path, int index)
    {
        var stem = new string(Path.GetFileNameWithoutExtension(path).Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '-').ToArray());
        return string.Create(CultureInfo.InvariantCulture, $"chart{index + 1}-{stem}@analytics");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}

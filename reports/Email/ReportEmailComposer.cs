using System.Globalization;
using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using System.Text;

namespace Analytics.Reports.Email;

/// <summary>
/// Builds the report email: subject with the period and headline spend, an HTML body whose charts are
/// inline PNG parts referenced by <c>cid:</c> (mail clients drop SVG and data: URIs), a plain-text
/// alternative, and the CSVs attached. The caller disposes the message (it holds the files open).
/// </summary>
internal static class ReportEmailComposer
{
    public static string Subject(ReportEmail report) =>
        string.Create(CultureInfo.InvariantCulture, $"Analytics {report.Period}: {report.Calls:N0} calls, {SpendText(report.Spend)} spend");

    public static MailMessage Compose(ReportEmail report, MailAddress from, IEnumerable<MailAddress> to)
    {
        var message = new MailMessage { From = from, Subject = Subject(report), SubjectEncoding = Encoding.UTF8 };
        try
        {
            foreach (var address in to)
                message.To.Add(address);

            message.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(PlainText(report), Encoding.UTF8, MediaTypeNames.Text.Plain));
            var charts = report.ChartPngs.Select((path, i) => (Path: path, Id: ContentId(path, i))).ToArray();
            var html = AlternateView.CreateAlternateViewFromString(Html(report, charts.Select(c => (c.Id, Name(c.Path)))), Encoding.UTF8, MediaTypeNames.Text.Html);
            foreach (var (path, id) in charts)
            {
                var image = new LinkedResource(path, "image/png") { ContentId = id, TransferEncoding = TransferEncoding.Base64 };
                image.ContentType.Name = Path.GetFileName(path);
                html.LinkedResources.Add(image);
            }

            message.AlternateViews.Add(html);
            foreach (var csv in report.Csvs)
            {
                var attachment = new Attachment(csv, "text/csv");
                attachment.ContentDisposition!.FileName = Path.GetFileName(csv);
                message.Attachments.Add(attachment);
            }

            return message;
        }
        catch
        {
            message.Dispose();
            throw;
        }
    }

    internal static string SpendText(IReadOnlyList<Spend> spend) =>
        spend.Count == 0 ? "no" : string.Join(" + ", spend.Select(Money));

    internal static string Money(Spend spend) => spend.Currency.ToUpperInvariant() switch
    {
        "EUR" => string.Create(CultureInfo.InvariantCulture, $"€{spend.Amount:N2}"),
        "USD" => string.Create(CultureInfo.InvariantCulture, $"${spend.Amount:N2}"),
        "GBP" => string.Create(CultureInfo.InvariantCulture, $"£{spend.Amount:N2}"),
        var code => string.Create(CultureInfo.InvariantCulture, $"{spend.Amount:N2} {code}"),
    };

    private static string PlainText(ReportEmail report)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Analytics report {report.Period}\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Calls: {report.Calls:N0}\nSMS: {report.Sms:N0}\nSpend: {SpendText(report.Spend)}\n\n");
        if (report.Csvs.Count > 0)
            text.Append("Attached: ").Append(string.Join(", ", report.Csvs.Select(Path.GetFileName))).Append('\n');
        return text.ToString();
    }

    private static string Html(ReportEmail report, IEnumerable<(string Id, string Name)> charts)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>")
            .Append(WebUtility.HtmlEncode(Subject(report))).Append("</title></head><body style=\"font-family:sans-serif\">");
        html.Append(CultureInfo.InvariantCulture, $"<h1>Analytics {WebUtility.HtmlEncode(report.Period)}</h1>");
        html.Append("<table cellpadding=\"4\">");
        html.Append(CultureInfo.InvariantCulture, $"<tr><th align=\"left\">Calls</th><td align=\"right\">{report.Calls:N0}</td></tr>");
        html.Append(CultureInfo.InvariantCulture, $"<tr><th align=\"left\">SMS</th><td align=\"right\">{report.Sms:N0}</td></tr>");
        foreach (var spend in report.Spend)
            html.Append(CultureInfo.InvariantCulture, $"<tr><th align=\"left\">Spend {WebUtility.HtmlEncode(spend.Currency)}</th><td align=\"right\">{WebUtility.HtmlEncode(Money(spend))}</td></tr>");
        html.Append("</table>");
        foreach (var (id, name) in charts)
            html.Append(CultureInfo.InvariantCulture, $"<h2>{WebUtility.HtmlEncode(name)}</h2><img src=\"cid:{id}\" alt=\"{WebUtility.HtmlEncode(name)}\" style=\"max-width:100%\">");
        html.Append("<p>The CSV files are attached.</p></body></html>");
        return html.ToString();
    }

    private static string Name(string path) => Path.GetFileNameWithoutExtension(path).Replace('_', ' ');

    // Content-IDs must be unique in the message and use only atext characters.
    private static string ContentId(string path, int index)
    {
        var stem = new string(Path.GetFileNameWithoutExtension(path).Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '-').ToArray());
        return string.Create(CultureInfo.InvariantCulture, $"chart{index + 1}-{stem}@analytics");
    }
}

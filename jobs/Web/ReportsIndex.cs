using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Analytics.Jobs.Web;

/// <summary>
/// <c>/reports/</c>: the index every report run rewrites (<c>Reports:Output/index.html</c>: each report with its status,
/// PARTIAL or complete, its spend, calls and alerts), or, before one exists, the report folders newest first.
/// </summary>
internal static class ReportsIndex
{
    public static IResult Render(string output)
    {
        var root = Path.GetFullPath(output);
        // Its links are relative (<folder>/index.html), so it reads the same under /reports/ as on disk.
        if (File.Exists(Path.Combine(root, "index.html")))
            return Results.File(Path.Combine(root, "index.html"), "text/html; charset=utf-8");
        var folders = Directory.Exists(root)
            ? Directory.GetDirectories(root).Where(d => File.Exists(Path.Combine(d, "index.html")))
                .Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).Reverse().ToList()
            : [];
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Reports</title>")
            .Append("<style>body{font-family:sans-serif;margin:2em}li{margin:.3em 0}</style></head><body><h1>Reports</h1>");
        if (folders.Count == 0)
            html.Append("<p>No report written yet in ").Append(WebUtility.HtmlEncode(root)).Append(".</p>");
        else
        {
            html.Append("<ul>");
            foreach (var folder in folders)
            {
                var name = WebUtility.HtmlEncode(folder);
                html.Append("<li><a href=\"").Append(Uri.EscapeDataString(folder)).Append("/index.html\">").Append(name).Append("</a></li>");
            }

            html.Append("</ul>");
        }

        html.Append("<p><a href=\"/hangfire\">Jobs dashboard</a></p></body></html>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8");
    }
}

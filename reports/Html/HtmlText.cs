using System.Net;
using System.Text.RegularExpressions;

namespace Analytics.Reports.Html;

/// <summary>Text for HTML a person reads on a phone as well as a desktop.</summary>
internal static partial class HtmlText
{
    /// <summary>
    /// <paramref name="text"/> HTML-encoded, each date (<c>2026-12-06</c>) kept on one line: a browser breaks after a hyphen,
    /// which at 360 px made a heading read "Analytics report 2026-" over "12-06".
    /// </summary>
    public static string KeepDates(string text) =>
        Date().Replace(WebUtility.HtmlEncode(text), "<span style=\"white-space:nowrap\">$0</span>");

    [GeneratedRegex(@"\d{4}-\d\d-\d\d")]
    private static partial Regex Date();
}

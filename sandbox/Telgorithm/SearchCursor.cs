using System.Globalization;
using System.Text;
using Analytics.Sandbox.Data;

namespace Analytics.Sandbox.Telgorithm;

/// <summary>
/// The searchId is the whole cursor (feed, window, next offset, page size), so paging is stateless and a
/// restarted sandbox with the same options continues a search.
/// </summary>
/// <param name="Nonce">Makes an otherwise equal cursor a different searchId (fault "fresh cursors"); 0 = none.</param>
internal readonly record struct SearchCursor(Feed Feed, long FromMs, long ToMs, long Offset, int PageSize, long Nonce = 0)
{
    public string Encode()
    {
        var raw = string.Join('|', "s1", Format.Int((int)Feed), Format.Int(FromMs), Format.Int(ToMs), Format.Int(Offset), Format.Int(PageSize));
        if (Nonce != 0)
            raw += "|" + Format.Int(Nonce);
        return Convert.ToBase64String(Encoding.ASCII.GetBytes(raw)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static SearchCursor? Decode(string searchId, Feed expected)
    {
        try
        {
            var b64 = searchId.Replace('-', '+').Replace('_', '/');
            b64 = b64.PadRight(b64.Length + ((4 - (b64.Length % 4)) % 4), '=');
            var parts = Encoding.ASCII.GetString(Convert.FromBase64String(b64)).Split('|');
            if (parts.Length is not (6 or 7) || parts[0] != "s1")
                return null;
            var c = new SearchCursor(
                (Feed)int.Parse(parts[1], CultureInfo.InvariantCulture),
                long.Parse(parts[2], CultureInfo.InvariantCulture),
                long.Parse(parts[3], CultureInfo.InvariantCulture),
                long.Parse(parts[4], CultureInfo.InvariantCulture),
                int.Parse(parts[5], CultureInfo.InvariantCulture),
                parts.Length == 7 ? long.Parse(parts[6], CultureInfo.InvariantCulture) : 0);
            return c.Feed == expected && c.Offset >= 0 && c.PageSize > 0 ? c : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

using System.Net;
using System.Security.Cryptography;
using System.Text;
using Analytics.Pipeline.Settings;
using Hangfire.Dashboard;

namespace Analytics.Jobs.Web;

/// <summary>
/// Who may open the dashboard: local requests only by default; with <c>Jobs:Dashboard:Username</c> and
/// <c>Password</c>, anyone who gives them (HTTP basic auth). A non-loopback <c>Jobs:Dashboard:Url</c> without
/// credentials is refused at start (<see cref="Check"/>): the dashboard can delete and re-run jobs.
/// </summary>
internal static class DashboardAccess
{
    public static Uri Url(DashboardOptions options)
    {
        if (!Uri.TryCreate(options.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            throw new SettingsException($"Jobs:Dashboard:Url: '{options.Url}' is not an http:// URL");
        return url;
    }

    public static bool HasCredentials(DashboardOptions options) =>
        !string.IsNullOrEmpty(options.Username) && !string.IsNullOrEmpty(options.Password);

    /// <summary>One line when the dashboard would be open to the network without credentials.</summary>
    public static void Check(DashboardOptions options)
    {
        var url = Url(options);
        var loopback = url.IsLoopback || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
        if (!loopback && !HasCredentials(options))
        {
            throw new SettingsException(
                $"Jobs:Dashboard:Url {options.Url} is not a loopback address: set Jobs:Dashboard:Username and Jobs:Dashboard:Password (basic auth) to open the dashboard to the network");
        }
    }

    public static IDashboardAuthorizationFilter[] Filters(DashboardOptions options) =>
        HasCredentials(options) ? [new BasicAuth(options.Username!, options.Password!)] : [new LocalRequestsOnlyAuthorizationFilter()];

    private sealed class BasicAuth(string username, string password) : IDashboardAuthorizationFilter
    {
        private readonly byte[] _expected = Encoding.UTF8.GetBytes($"{username}:{password}");

        public bool Authorize(DashboardContext context)
        {
            var http = context.GetHttpContext();
            var header = http.Request.Headers.Authorization.ToString();
            if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
            {
                try
                {
                    var given = Convert.FromBase64String(header["Basic ".Length..].Trim());
                    if (CryptographicOperations.FixedTimeEquals(given, _expected))
                        return true;
                }
                catch (FormatException)
                {
                    // Not base64: refused like a wrong password.
                }
            }

            http.Response.Headers.WWWAuthenticate = "Basic realm=\"analytics\", charset=\"UTF-8\"";
            return false;
        }
    }
}

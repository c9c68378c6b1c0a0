using Analytics.Jobs.Web;
using Analytics.Pipeline.Settings;

namespace Analytics.Jobs.Tests.Web;

public sealed class DashboardAccessTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5081")]
    [InlineData("http://localhost:5081")]
    [InlineData("http://[::1]:5081")]
    public void A_loopback_dashboard_needs_no_credentials(string url) =>
        DashboardAccess.Check(new DashboardOptions { Url = url });

    [Fact]
    public void A_dashboard_open_to_the_network_without_credentials_is_refused_in_one_line()
    {
        var error = Assert.Throws<SettingsException>(() => DashboardAccess.Check(new DashboardOptions { Url = "http://0.0.0.0:5081" }));

        Assert.Equal(
            "Jobs:Dashboard:Url http://0.0.0.0:5081 is not a loopback address: set Jobs:Dashboard:Username and Jobs:Dashboard:Password (basic auth) to open the dashboard to the network",
            error.Message);
    }

    [Fact]
    public void A_dashboard_open_to_the_network_with_credentials_uses_basic_auth()
    {
        var options = new DashboardOptions { Url = "http://0.0.0.0:5081", Username = "ops", Password = "secret" };

        DashboardAccess.Check(options);

        Assert.DoesNotContain(DashboardAccess.Filters(options), f => f is Hangfire.Dashboard.LocalRequestsOnlyAuthorizationFilter);
    }
}

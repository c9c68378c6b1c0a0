using Analytics.Pipeline.Settings;

namespace Analytics.Jobs.Tests.Pipeline;

public sealed class RetryPolicyTests
{
    [Fact]
    public void Delays_double_from_the_base_and_stop_at_the_cap()
    {
        var policy = new RetryPolicy(6, TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(3));

        Assert.Equal(
            [TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(120), TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(3)],
            Enumerable.Range(1, 5).Select(policy.DelayAfter));
    }

    [Fact]
    public void The_last_attempt_gets_no_retry()
    {
        var policy = new RetryPolicy(3, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));

        Assert.Equal([true, true, false], Enumerable.Range(1, 3).Select(policy.CanRetry));
    }
}

using Analytics.Reports.Charts;

namespace Analytics.Reports.Tests.Charts;

public sealed class AxisTicksTests
{
    [Theory]
    [InlineData(7.3, new[] { 0.0, 2, 4, 6, 8 })]
    [InlineData(100, new[] { 0.0, 20, 40, 60, 80, 100 })]
    [InlineData(1234, new[] { 0.0, 500, 1000, 1500 })]
    [InlineData(0.42, new[] { 0.0, 0.1, 0.2, 0.3, 0.4, 0.5 })]
    public void Ticks_step_by_one_two_or_five_and_cover_the_maximum(double max, double[] expected) =>
        Assert.Equal(expected, AxisTicks.For(max));

    [Fact]
    public void An_empty_axis_still_has_two_ticks() => Assert.Equal([0.0, 1.0], AxisTicks.For(0));

    [Theory]
    [InlineData(1500, 500, "1,500")]
    [InlineData(1234567, 200000, "1,234,567")]
    [InlineData(0.3, 0.1, "0.3")]
    [InlineData(0.05, 0.01, "0.05")]
    public void Labels_use_thousands_separators_and_only_the_decimals_the_step_needs(double value, double step, string expected) =>
        Assert.Equal(expected, AxisTicks.Label(value, step));
}

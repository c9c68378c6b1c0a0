using Analytics.Sandbox.Data;

namespace Analytics.Sandbox.Tests.Data;

public sealed class SmsTextTests
{
    [Theory]
    [InlineData(1, 160, 'a')]
    [InlineData(2, 161, 'a')]
    [InlineData(2, 306, 'a')]
    [InlineData(3, 307, 'a')]
    [InlineData(1, 160, 'é')]
    [InlineData(1, 70, 'ж')]
    [InlineData(2, 71, 'ж')]
    [InlineData(2, 134, 'ж')]
    [InlineData(3, 135, 'ж')]
    public void Counts_parts_like_carriers_do(int parts, int length, char c) =>
        Assert.Equal(parts, SmsText.Parts(new string(c, length)));

    [Fact]
    public void Counts_gsm_extension_characters_twice() =>
        Assert.Equal(2, SmsText.Parts(new string('€', 81)));
}

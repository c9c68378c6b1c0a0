namespace Analytics.Sandbox.Data;

/// <summary>Generates message i of a feed's day from its own seeded generator.</summary>
internal sealed class SmsGenerator(Schedule schedule, string callrCurrency)
{
    public SmsFact Generate(Feed feed, DateOnly day, long index, int count)
    {
        var rng = Rng.For(schedule.Seed, feed, day.DayNumber, index);
        var createdMs = Schedule.TimeMs(feed, day, index, count, ref rng);
        var inbound = feed switch
        {
            Feed.CallrSmsIn or Feed.TelgorithmInbound => true,
            Feed.CallrSmsOut or Feed.TelgorithmOutbound => false,
            _ => rng.Chance(0.35),
        };
        var mix = feed switch
        {
            Feed.CallrSmsIn or Feed.CallrSmsOut => CountryMix.European,
            Feed.TelgorithmInbound or Feed.TelgorithmOutbound => CountryMix.Nanp,
            _ => CountryMix.American,
        };
        var country = mix.Pick(ref rng);
        var remote = country.Number(ref rng, mobile: true);
        var ours = rng.Pick(OurNumbers.For(feed));
        var text = SmsText.Generate(ref rng);
        var parts = SmsText.Parts(text);
        var status = inbound ? SmsStatus.Received : rng.Chance(0.04) ? SmsStatus.Failed : SmsStatus.Delivered;
        var billable = status != SmsStatus.Failed;
        decimal rate, cost, carrierFee = 0m;
        string currency;
        switch (feed)
        {
            case Feed.CallrSmsIn or Feed.CallrSmsOut:
                rate = inbound ? 0m : country.SmsRateEur * 100m;
                cost = billable ? rate * parts : 0m;
                // [sandbox] A USD account is billed the same figures in USD cents: only the currency says which.
                currency = callrCurrency;
                break;
            case Feed.TelgorithmInbound or Feed.TelgorithmOutbound:
                // Platform fee per segment plus, outbound, a carrier pass-through fee per message.
                rate = 0.0025m;
                cost = billable ? (rate * parts) + (inbound ? 0m : 0.0030m) : 0m;
                currency = "USD";
                break;
            default:
                rate = inbound ? 0.0040m : Country.ToUsd(country.SmsRateEur);
                cost = billable ? rate * parts : 0m;
                // North American carriers' pass-through fee per delivered outbound message (no draw: the data stays as it was).
                carrierFee = billable && !inbound && country.Iso is "US" or "CA" ? 0.0030m : 0m;
                currency = "USD";
                break;
        }
        return new SmsFact(feed, day, index, createdMs, inbound, country, remote, ours, text, parts, status, rate, cost, currency, rng, carrierFee);
    }
}

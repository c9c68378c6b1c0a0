namespace Analytics.Sandbox.Data;

/// <summary>Generates call i of a feed's day from its own seeded generator; cheap enough for 1M a day.</summary>
internal sealed class CallGenerator(Schedule schedule, RateDeck deck)
{
    private static readonly double[] OutcomeWeights = [68, 17, 8, 5, 2];

    public CallFact Generate(Feed feed, DateOnly day, long index, int count)
    {
        var rng = Rng.For(schedule.Seed, feed, day.DayNumber, index);
        var startMs = Schedule.TimeMs(feed, day, index, count, ref rng);
        // [sandbox] Telgorithm's last call of every served day but the last starts in the day's last seconds and is
        // forwarded, so its outbound leg is created after midnight: every run has legs of one call in two days' files.
        var overMidnight = feed == Feed.TelgorithmCalls && index == count - 1 && day < schedule.LastDay;
        var inbound = overMidnight || feed switch
        {
            Feed.CallrCdrIn => true,
            Feed.CallrCdrOut => false,
            Feed.TeleVoipsCalls => rng.Chance(0.45),
            Feed.TelnyxWebrtc => rng.Chance(0.2),
            Feed.TelgorithmCalls => rng.Chance(0.55),
            _ => rng.Chance(0.4),
        };
        var mix = feed switch
        {
            Feed.CallrCdrIn or Feed.CallrCdrOut => CountryMix.European,
            Feed.TelgorithmCalls => CountryMix.Nanp,
            _ => CountryMix.American,
        };
        var country = mix.Pick(ref rng);
        var mobile = rng.Chance(0.6);
        var remote = country.Number(ref rng, mobile);
        var ours = rng.Pick(OurNumbers.For(feed));
        var outcome = (Outcome)rng.PickWeighted(OutcomeWeights);
        if (inbound && outcome == Outcome.Busy)
            outcome = Outcome.NoAnswer;
        if (overMidnight && outcome is not (Outcome.Answered or Outcome.NoAnswer))
            outcome = Outcome.Answered;
        var ring = outcome switch
        {
            Outcome.Answered => rng.Between(2, 25),
            Outcome.NoAnswer => rng.Between(20, 45),
            Outcome.Busy => rng.Between(1, 4),
            _ => rng.Between(0, 2),
        };
        var talk = 0;
        if (outcome == Outcome.Answered)
        {
            // Log-normal, median 90 s; a long tail of hour-long calls.
            var seconds = Math.Exp(Math.Log(90) + (1.0 * rng.NextGaussian()));
            talk = (int)Math.Clamp(Math.Round(seconds), 1, 4 * 3600);
        }
        var app = rng.Next(VoiceApps.All.Length);
        var name = People.Name(ref rng);
        var (billed, rate, cost, currency) = Price(feed, inbound, country, mobile, remote, talk, ref rng);
        var forward = feed == Feed.TelgorithmCalls ? Forwarding(day, startMs, inbound, outcome, talk, overMidnight, ref rng) : null;
        return new CallFact(feed, day, index, startMs, inbound, country, mobile, remote, ours, outcome, ring, talk,
            billed, rate, cost, currency, app, name, rng, forward);
    }

    /// <summary>The longest a forwarded leg is created after its inbound leg.</summary>
    public const long MaxForwardDelayMs = 2000;

    // [sandbox] A third of the inbound Telgorithm calls that ring (answered or not) are forwarded to a NANP number,
    // whose leg is created 0.2-1.5 s after the inbound one and billed at the outbound rate. No call of the last
    // served day has a leg after it: that leg would be created today, which no client asks for yet.
    private ForwardLeg? Forwarding(DateOnly day, long startMs, bool inbound, Outcome outcome, int talk, bool overMidnight, ref Rng rng)
    {
        if (!inbound || outcome is not (Outcome.Answered or Outcome.NoAnswer))
            return null;
        var forwarded = rng.Chance(1.0 / 3) || overMidnight;
        var to = CountryMix.Nanp.Pick(ref rng).Number(ref rng, mobile: true);
        var dayEnd = Schedule.DayStartMs(day) + 86_400_000;
        var createdMs = overMidnight ? dayEnd + 400 : startMs + rng.Between(200, 1500);
        if (!forwarded || (day == schedule.LastDay && createdMs >= dayEnd))
            return null;
        return new ForwardLeg(to, createdMs, (talk + 59) / 60 * 0.0100m);
    }

    private (int Billed, decimal Rate, decimal Cost, string Currency) Price(
        Feed feed, bool inbound, Country country, bool mobile, string remote, int talk, ref Rng rng)
    {
        switch (feed)
        {
            case Feed.TeleVoipsCalls:
                {
                    if (inbound)
                        return (talk, 0m, 0m, RateDeck.Currency);
                    var entry = deck.Match(remote);
                    var billed = Billing.Billed(talk, entry.IncrementSeconds, entry.IncrementSeconds);
                    return (billed, entry.RatePerMinute, Billing.Cost(billed, entry.RatePerMinute), RateDeck.Currency);
                }
            case Feed.CallrCdrIn:
            case Feed.CallrCdrOut:
                {
                    var billed = country.Billed(talk);
                    var rateCents = inbound ? 0m : country.RateEur(mobile) * 100m;
                    return (billed, rateCents, Billing.Cost(billed, rateCents), "EUR");
                }
            case Feed.TelgorithmCalls:
                {
                    var minutes = (talk + 59) / 60;
                    var perMinute = inbound ? 0.0070m : 0.0100m;
                    return (minutes * 60, perMinute, minutes * perMinute, "USD");
                }
            default:
                {
                    // Telnyx: a few connections are billed in EUR.
                    var eur = rng.Chance(0.15);
                    var rateEur = inbound ? 0.0032m : country.RateEur(mobile);
                    var rate = eur ? rateEur : Country.ToUsd(rateEur);
                    var billed = country.Billed(talk);
                    return (billed, rate, Billing.Cost(billed, rate), eur ? "EUR" : "USD");
                }
        }
    }
}

namespace Analytics.Sandbox.Data;

internal enum Outcome
{
    Answered,
    NoAnswer,
    Busy,
    Failed,
    Congestion,
}

internal enum SmsStatus
{
    Delivered,
    Received,
    Failed,
}

/// <summary>
/// One call as every provider would see it. <see cref="Rng"/> continues the record's own generator so the
/// wire writers can draw provider-specific details (ids, names) deterministically.
/// </summary>
internal sealed record CallFact(
    Feed Feed,
    DateOnly Day,
    long Index,
    long StartMs,
    bool Inbound,
    Country Country,
    bool Mobile,
    string Remote,
    string Ours,
    Outcome Outcome,
    int RingSeconds,
    int TalkSeconds,
    int BilledSeconds,
    decimal Rate,
    decimal Cost,
    string Currency,
    int App,
    string Name,
    Rng Rng,
    ForwardLeg? Forward = null)
{
    public bool Answered => Outcome == Outcome.Answered;

    /// <summary>What the call cost over all its legs (the forwarded leg's fees included), in <see cref="Currency"/>.</summary>
    public decimal Spend => Cost + (Forward?.Cost ?? 0m);

    public long AnswerMs => StartMs + (RingSeconds * 1000L);

    public long EndMs => StartMs + ((RingSeconds + TalkSeconds) * 1000L);

    public int DurationSeconds => RingSeconds + TalkSeconds;
}

/// <summary>
/// The outbound leg of an inbound call forwarded by Telgorithm's "Static Call Forwarding": from the number called to
/// <see cref="To"/>, created <see cref="CreatedMs"/> (a moment after the inbound leg, so possibly on the next day),
/// answered and ended with the call, billed <see cref="Cost"/> on top of the inbound leg.
/// </summary>
internal sealed record ForwardLeg(string To, long CreatedMs, decimal Cost);

/// <summary>
/// One message; <see cref="Cost"/> is in <see cref="Currency"/> as served (CALLR: cents). <see cref="CarrierFee"/> is
/// what a carrier charges on top and the provider passes on (Telnyx <c>carrier_fee</c>), in the same currency; spend is both.
/// </summary>
internal sealed record SmsFact(
    Feed Feed,
    DateOnly Day,
    long Index,
    long CreatedMs,
    bool Inbound,
    Country Country,
    string Remote,
    string Ours,
    string Text,
    int Parts,
    SmsStatus Status,
    decimal Rate,
    decimal Cost,
    string Currency,
    Rng Rng,
    decimal CarrierFee = 0m)
{
    public decimal Spend => Cost + CarrierFee;
}

/// <summary>Our own numbers per provider: calls and messages go to or come from these.</summary>
internal static class OurNumbers
{
    // A PBX in New York (TeleVoIPs' own sample DID is 3525932093).
    public static readonly string[] TeleVoips = ["+12127550100", "+12127550101", "+16467550200", "+13525932093"];
    public static readonly string[] Telnyx = ["+14153660100", "+16465250199", "+442038080100", "+33186950100"];
    public static readonly string[] Callr = ["+33184880100", "+33184880101", "+442070460100", "+33972100200"];
    public static readonly string[] Telgorithm = ["+12127940100", "+13057940101", "+14169000100"];

    public static string[] For(Feed feed) => Feeds.Source(feed) switch
    {
        "televoips" => TeleVoips,
        "telnyx" => Telnyx,
        "callr" => Callr,
        _ => Telgorithm,
    };
}

/// <summary>CALLR voice apps (scenario name and hash).</summary>
internal static class VoiceApps
{
    public static readonly (string Name, string Hash)[] All =
    [
        ("Support FR", "9A3F1C2E"),
        ("Sales hotline", "4B7D22A0"),
        ("Callback", "C01D5E77"),
        ("IVR night", "7E8F9012"),
    ];
}

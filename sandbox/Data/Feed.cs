namespace Analytics.Sandbox.Data;

/// <summary>One stream of records of one provider. The numeric values seed the generator: never renumber.</summary>
internal enum Feed
{
    TeleVoipsCalls = 1,
    TelnyxMessaging = 2,
    TelnyxCallControl = 3,
    TelnyxSipTrunking = 4,
    TelnyxWebrtc = 5,
    CallrCdrIn = 6,
    CallrCdrOut = 7,
    CallrSmsIn = 8,
    CallrSmsOut = 9,
    TelgorithmInbound = 10,
    TelgorithmOutbound = 11,
    TelgorithmCalls = 12,
}

internal static class Feeds
{
    public static readonly Feed[] All = Enum.GetValues<Feed>();

    /// <summary>Records per weekday at volume 1.0 (~13k a day in all).</summary>
    public static int BaseVolume(Feed feed) => feed switch
    {
        Feed.TeleVoipsCalls => 3000,
        Feed.TelnyxMessaging => 1500,
        Feed.TelnyxCallControl or Feed.TelnyxSipTrunking or Feed.TelnyxWebrtc => 500,
        Feed.CallrCdrIn => 1000,
        Feed.CallrCdrOut => 1500,
        Feed.CallrSmsIn => 300,
        Feed.CallrSmsOut => 700,
        Feed.TelgorithmInbound => 600,
        Feed.TelgorithmOutbound => 1200,
        Feed.TelgorithmCalls => 500,
        _ => throw new ArgumentOutOfRangeException(nameof(feed)),
    };

    public static string Source(Feed feed) => feed switch
    {
        Feed.TeleVoipsCalls => "televoips",
        Feed.TelnyxMessaging or Feed.TelnyxCallControl or Feed.TelnyxSipTrunking or Feed.TelnyxWebrtc => "telnyx",
        Feed.CallrCdrIn or Feed.CallrCdrOut or Feed.CallrSmsIn or Feed.CallrSmsOut => "callr",
        _ => "telgorithm",
    };

    public static bool IsSms(Feed feed) => feed is Feed.TelnyxMessaging or Feed.CallrSmsIn or Feed.CallrSmsOut
        or Feed.TelgorithmInbound or Feed.TelgorithmOutbound;

    /// <summary>Timestamp resolution on the wire; filters compare the served (truncated) value.</summary>
    public static long ResolutionMs(Feed feed) => feed is Feed.TeleVoipsCalls or Feed.CallrCdrIn or Feed.CallrCdrOut
        or Feed.CallrSmsIn or Feed.CallrSmsOut ? 1000 : 1;
}

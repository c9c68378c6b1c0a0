namespace Analytics.Sandbox;

/// <summary>How the sandbox is started. Same options and same request sequence → byte-identical answers.</summary>
public sealed record SandboxOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks a free port. Default 5080.</summary>
    public int Port { get; init; } = 5080;

    /// <summary>Seed of every generated record. Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Number of UTC days served, ending yesterday (from <see cref="TimeProvider"/>). Default 7.</summary>
    public int Days { get; init; } = 7;

    /// <summary>Scales the default ~13k records a day; ~333 gives ~1M TeleVoIPs calls a day. Default 1.0.</summary>
    public double VolumeMultiplier { get; init; } = 1.0;

    /// <summary>TeleVoIPs answers 202 this many times (with the export id) before 201. Default 2.</summary>
    public int TeleVoipsPollsBeforeReady { get; init; } = 2;

    /// <summary>FreePBX variant that puts <c>did</c> after <c>dst_cnam</c>. Default false.</summary>
    public bool TeleVoipsDidLast { get; init; }

    /// <summary>
    /// Zone of the PBX behind TeleVoIPs: <c>calldate</c> is local time in it, and a daily file holds the calls of one
    /// local date (Asterisk's <c>uniqueid</c> starts with the UTC epoch). Default America/New_York.
    /// </summary>
    public TimeZoneInfo TeleVoipsTimeZone { get; init; } = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    /// <summary>
    /// The CALLR account's billing currency, that of its SMS <c>b_customer_debit</c> (cents) and of <c>sms.summary</c>'s
    /// debit; CDRs stay EUR (<c>…_eur</c>). EUR or USD, as <c>Sources:Callr:Currency</c>. Default EUR.
    /// </summary>
    public string CallrCurrency { get; init; } = "EUR";

    /// <summary>Source of "today"; the served days end yesterday. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Let ASP.NET Core log at Information (default: warnings only).</summary>
    public bool VerboseLogging { get; init; }
}

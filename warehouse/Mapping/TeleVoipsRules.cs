namespace Analytics.Warehouse.Mapping;

/// <summary>
/// How a TeleVoIPs (FreePBX/Asterisk) CDR row becomes a call; the single place these rules are decided
/// (<c>Sql/televoips_cdrs.sql</c> receives the context lists from here).
/// <para><b>Direction.</b> IN when <c>did</c> is set, or <c>dcontext</c> starts with a trunk/DID context
/// (<see cref="InboundContexts"/>). OUT when <c>dcontext</c> starts with an internal context
/// (<see cref="OutboundContexts"/>) and <c>dst</c> is an external number (a leading <c>+</c>, or 7+ digits).
/// Any other context is decided by the numbers: external <c>src</c> with internal <c>dst</c> is IN, internal
/// <c>src</c> with external <c>dst</c> is OUT. A row with neither side external (extension to extension,
/// feature codes) is not provider traffic: it stays in <c>raw_televoips_cdrs</c> and never becomes a call.</para>
/// <para><b>Call id.</b> <c>uniqueid</c>, always (so the same call in two files is one row). Several rows with
/// one <c>uniqueid</c> — a duplicated row, or Asterisk forking a CDR — are one call: the row with the highest
/// <c>sequence</c>, then the most recently loaded, wins.</para>
/// <para><b>Numbers.</b> The remote party is <c>src</c> (IN; <c>clid</c>'s <c>&lt;number&gt;</c> when <c>src</c> is
/// empty) or <c>dst</c> (OUT). National numbers, ours and theirs, are read in <c>Sources:TeleVoips:HomeCountry</c>
/// (default US) by its rules in libphonenumber's metadata (<see cref="Reference.HomeCountry"/>): in the US a ten-digit
/// <c>3525932093</c> (or <c>1</c> + ten digits) is <c>+13525932093</c> and <c>011…</c> is international; in France the
/// national prefix 0 goes (<c>0612345678</c> is <c>+33612345678</c>); in Italy, which has none, it stays
/// (<c>0612345678</c> is <c>+390612345678</c>). <c>00…</c> is international everywhere. The country is libphonenumber's
/// for a valid number (<see cref="Reference.PhonePrefixes"/>).</para>
/// <para><b>Times and money.</b> The start is <see cref="TeleVoipsClock"/>'s (the <c>uniqueid</c> epoch under
/// <c>Sources:TeleVoips:TimeZone = auto</c>, else <c>calldate</c> read in that zone); answered at
/// <c>start + duration − billsec</c> when <c>billsec</c> &gt; 0; ended at <c>start + duration</c>. With a
/// rate deck (<c>Rates:Path</c>) an outbound call is priced by the longest deck prefix of the remote
/// number's digits: billed = ⌈billsec / increment⌉ × increment, debit = round(billed / 60 × rate, 4) half away
/// from zero; inbound calls cost 0; without a deck (or a matching prefix) the price stays NULL.</para>
/// </summary>
internal static class TeleVoipsRules
{
    /// <summary>Trunk/DID contexts (prefixes): a call arriving from the provider.</summary>
    public static readonly IReadOnlyList<string> InboundContexts = ["from-trunk", "from-pstn", "from-did", "ext-did", "from-sip-external"];

    /// <summary>Internal contexts (prefixes): a call our users dial out.</summary>
    public static readonly IReadOnlyList<string> OutboundContexts = ["from-internal", "macro-dialout", "outbound-allroutes", "outrt-"];

    /// <summary>A DuckDB regular expression matching a context that starts with one of <paramref name="contexts"/>.</summary>
    public static string Pattern(IEnumerable<string> contexts) =>
        SqlTemplates.Literal("^(" + string.Join("|", contexts.Select(c => c.Replace("-", "\\-", StringComparison.Ordinal))) + ")");
}

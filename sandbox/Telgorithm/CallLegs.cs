using Analytics.Sandbox.Data;

namespace Analytics.Sandbox.Telgorithm;

/// <summary>
/// The call legs listed by <c>/v1/Calls</c>: each call's own leg, then its forwarded leg if any, each listed when its
/// own createdOn is in the window. A forwarded leg is created up to <see cref="CallGenerator.MaxForwardDelayMs"/>
/// after its call, so the calls looked at start that much before the window. A cursor's offset counts two slots per
/// call (its leg, its forwarded leg), so a page is found without generating the calls before it.
/// </summary>
internal static class CallLegs
{
    /// <summary>Up to the cursor's page size of legs from its offset, and the offset of the next leg (null at the end).</summary>
    public static (List<(CallFact Call, bool Forward)> Legs, long? Next) Page(SandboxData data, SearchCursor cursor)
    {
        var from = cursor.FromMs == long.MinValue ? long.MinValue : cursor.FromMs - CallGenerator.MaxForwardDelayMs;
        var ranges = data.Schedule.Ranges(Feed.TelgorithmCalls, from, cursor.ToMs);
        var legs = new List<(CallFact, bool)>();
        var slot = cursor.Offset - (cursor.Offset % 2);
        foreach (var call in data.CallsIn(Feed.TelgorithmCalls, ranges, cursor.Offset / 2))
        {
            for (var leg = 0; leg < 2; leg++, slot++)
            {
                var created = leg == 0 ? call.StartMs : call.Forward?.CreatedMs;
                if (slot < cursor.Offset || created is not { } t || t < cursor.FromMs || t >= cursor.ToMs)
                    continue;
                if (legs.Count == cursor.PageSize)
                    return (legs, slot);
                legs.Add((call, leg == 1));
            }
        }
        return (legs, null);
    }
}

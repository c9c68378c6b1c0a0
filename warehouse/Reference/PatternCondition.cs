namespace Analytics.Warehouse.Reference;

/// <summary>
/// One test of libphonenumber's region and validity rules on a national number of a known length: a number type's
/// pattern matched whole, or a region's leading digits matched at the start. Asked after a prefix of the number, it
/// says whether every completion of that prefix passes, none does, or it depends on the digits still to come.
/// </summary>
internal sealed class PatternCondition(DigitPattern pattern, bool atStart)
{
    private readonly Dictionary<(StateSet, int), bool> _universal = [];
    private readonly Dictionary<(StateSet, int), bool> _possible = [];

    public DigitPattern Pattern { get; } = pattern;

    /// <summary>True (every completion of <paramref name="remaining"/> digits passes), false (none does), or null.</summary>
    public bool? Status(StateSet states, int remaining)
    {
        if (atStart)
            return states.Contains(Pattern.Accept) ? true : !Reachable(states, remaining) ? false : null;
        if (!Possible(states, remaining))
            return false;
        return Universal(states, remaining) ? true : null;
    }

    private bool Reachable(StateSet states, int remaining)
    {
        if (states.Contains(Pattern.Accept))
            return true;
        if (remaining == 0 || states.IsEmpty)
            return false;
        for (var d = 0; d < 10; d++)
        {
            if (Reachable(Pattern.Step(states, d), remaining - 1))
                return true;
        }

        return false;
    }

    // Some completion of `remaining` digits is accepted.
    private bool Possible(StateSet states, int remaining) => Completes(states, remaining, every: false, _possible);

    // Every completion of `remaining` digits is accepted.
    private bool Universal(StateSet states, int remaining) => Completes(states, remaining, every: true, _universal);

    private bool Completes(StateSet states, int remaining, bool every, Dictionary<(StateSet, int), bool> memo)
    {
        if (remaining == 0)
            return states.Contains(Pattern.Accept);
        if (states.IsEmpty)
            return false;
        if (memo.TryGetValue((states, remaining), out var known))
            return known;
        var result = every;
        for (var d = 0; d < 10 && result == every; d++)
            result = Completes(Pattern.Step(states, d), remaining - 1, every, memo);
        return memo[(states, remaining)] = result;
    }
}

using PhoneNumbers;

namespace Analytics.Warehouse.Reference;

/// <summary>
/// What libphonenumber tests of one region for national numbers of one length: its leading digits (where a calling code
/// is shared, <c>GetRegionCodeForNumber</c> takes the first region whose leading digits match, or failing those, whose
/// number types accept the number), its general pattern and each number type's pattern (valid = the general one and
/// some type accept it: <c>IsValidNumber</c>). A description whose possible lengths exclude the length never accepts.
/// </summary>
internal sealed record RegionRules(PatternCondition? LeadingDigits, PatternCondition? General, IReadOnlyList<PatternCondition> Types)
{
    public static RegionRules For(PhoneMetadata metadata, int length, bool shared, Func<string, DigitPattern> pattern)
    {
        PatternCondition? Desc(PhoneNumberDesc desc) =>
            desc.HasNationalNumberPattern && desc.NationalNumberPattern.Length > 0
            && (desc.PossibleLengthCount == 0 || desc.PossibleLengthList.Contains(length))
                ? new PatternCondition(pattern(desc.NationalNumberPattern), atStart: false)
                : null;

        PhoneNumberDesc[] types =
        [
            metadata.PremiumRate, metadata.TollFree, metadata.SharedCost, metadata.Voip, metadata.PersonalNumber,
            metadata.Pager, metadata.Uan, metadata.Voicemail, metadata.FixedLine, metadata.Mobile,
        ];
        return new RegionRules(
            shared && metadata.HasLeadingDigits ? new PatternCondition(pattern(metadata.LeadingDigits), atStart: true) : null,
            Desc(metadata.GeneralDesc),
            [.. types.Select(Desc).OfType<PatternCondition>()]);
    }
}

/// <summary>The search over national numbers of one calling code and length: every condition of every region, in one list.</summary>
internal sealed class NationalNumberWalk
{
    private readonly IReadOnlyList<string> _regions;
    private readonly IReadOnlyList<RegionRules> _rules;
    private readonly Dictionary<PatternCondition, int> _index = [];

    public NationalNumberWalk(IReadOnlyList<string> regions, IReadOnlyList<RegionRules> rules, int length)
    {
        (_regions, _rules, Length) = (regions, rules, length);
        var all = new List<PatternCondition>();
        foreach (var rule in rules)
        {
            foreach (var c in new[] { rule.LeadingDigits, rule.General }.Concat(rule.Types).OfType<PatternCondition>())
            {
                _index[c] = all.Count;
                all.Add(c);
            }
        }

        Conditions = all;
    }

    public int Length { get; }

    public IReadOnlyList<PatternCondition> Conditions { get; }

    /// <summary>The region libphonenumber gives every number with these outcomes when the number is valid, else null.</summary>
    public string? Country(bool?[] outcome)
    {
        bool Passes(PatternCondition c) => outcome[_index[c]] == true;
        for (var r = 0; r < _regions.Count; r++)
        {
            var rule = _rules[r];
            var valid = rule.General is not null && Passes(rule.General) && rule.Types.Any(Passes);
            var chosen = _regions.Count == 1 || (rule.LeadingDigits is not null ? Passes(rule.LeadingDigits) : valid);
            if (chosen)
                return valid && _regions[r] != "001" ? _regions[r] : null;
        }

        return null;
    }
}

namespace Analytics.Warehouse.Reference;

/// <summary>A closed set of automaton states, compared by value (the memo key of the prefix search).</summary>
internal sealed class StateSet(int[] states) : IEquatable<StateSet>
{
    public int[] States { get; } = states;

    public bool IsEmpty => States.Length == 0;

    public bool Contains(int state) => Array.BinarySearch(States, state) >= 0;

    public bool Equals(StateSet? other) => other is not null && States.AsSpan().SequenceEqual(other.States);

    public override bool Equals(object? obj) => Equals(obj as StateSet);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var s in States)
            hash.Add(s);
        return hash.ToHashCode();
    }
}

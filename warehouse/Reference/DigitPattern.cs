namespace Analytics.Warehouse.Reference;

/// <summary>
/// A libphonenumber metadata pattern (digits, <c>[0-9]</c> classes and ranges, <c>(?:…)</c>, <c>|</c>, <c>?</c>,
/// <c>{n}</c>, <c>{n,m}</c>) as a nondeterministic automaton over the ten digits. Anything else in a pattern throws:
/// a metadata update that used new syntax fails the prefix-table test instead of being read wrongly.
/// </summary>
internal sealed class DigitPattern
{
    private readonly List<List<(ushort Digits, int To)>> _moves = [];
    private readonly List<List<int>> _empty = [];
    private readonly string _pattern;
    private int _at;

    private DigitPattern(string pattern)
    {
        _pattern = pattern;
        Start = NewState();
        Accept = Alternation(Start);
        if (_at != pattern.Length)
            throw Unsupported();
    }

    public int Start { get; }

    public int Accept { get; }

    public int StateCount => _moves.Count;

    public static DigitPattern Parse(string pattern) => new(pattern);

    /// <summary>The states reachable from <paramref name="states"/> without reading a digit.</summary>
    public StateSet Closure(IEnumerable<int> states)
    {
        var seen = new SortedSet<int>();
        var stack = new Stack<int>(states);
        while (stack.Count > 0)
        {
            var s = stack.Pop();
            if (!seen.Add(s))
                continue;
            foreach (var t in _empty[s])
                stack.Push(t);
        }

        return new StateSet([.. seen]);
    }

    /// <summary>The closed set after reading <paramref name="digit"/> from <paramref name="states"/>.</summary>
    public StateSet Step(StateSet states, int digit)
    {
        var next = new List<int>();
        foreach (var s in states.States)
        {
            foreach (var (digits, to) in _moves[s])
            {
                if ((digits & (1 << digit)) != 0)
                    next.Add(to);
            }
        }

        return Closure(next);
    }

    private int NewState()
    {
        _moves.Add([]);
        _empty.Add([]);
        return _moves.Count - 1;
    }

    // alternation := sequence ('|' sequence)*; returns the end state of the whole from start.
    private int Alternation(int start)
    {
        var end = NewState();
        while (true)
        {
            var branch = NewState();
            _empty[start].Add(branch);
            _empty[Sequence(branch)].Add(end);
            if (_at < _pattern.Length && _pattern[_at] == '|')
            {
                _at++;
                continue;
            }

            return end;
        }
    }

    private int Sequence(int start)
    {
        var current = start;
        while (_at < _pattern.Length && _pattern[_at] != '|' && _pattern[_at] != ')')
        {
            var atomAt = _at;
            SkipAtom();
            var (min, max) = Quantifier();
            var afterQuantifier = _at;
            var ends = new List<int>();
            for (var i = 0; i < max; i++)
            {
                if (i >= min)
                    ends.Add(current);
                _at = atomAt;
                current = Atom(current);
            }

            _at = afterQuantifier;
            foreach (var e in ends)
                _empty[e].Add(current);
        }

        return current;
    }

    private void SkipAtom()
    {
        var c = _pattern[_at];
        if (c == '(')
        {
            var depth = 0;
            do
            {
                depth += _pattern[_at] == '(' ? 1 : _pattern[_at] == ')' ? -1 : 0;
                _at++;
            }
            while (depth > 0 && _at < _pattern.Length);
            if (depth != 0)
                throw Unsupported();
        }
        else if (c == '[')
        {
            var close = _pattern.IndexOf(']', _at);
            _at = close < 0 ? throw Unsupported() : close + 1;
        }
        else
        {
            _at++;
        }
    }

    private (int Min, int Max) Quantifier()
    {
        if (_at >= _pattern.Length)
            return (1, 1);
        if (_pattern[_at] == '?')
        {
            _at++;
            return (0, 1);
        }

        if (_pattern[_at] != '{')
            return (1, 1);
        var close = _pattern.IndexOf('}', _at);
        var parts = _pattern[(_at + 1)..close].Split(',');
        _at = close + 1;
        var min = int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
        return (min, parts.Length == 1 ? min : int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    private int Atom(int start)
    {
        var c = _pattern[_at];
        if (c == '(')
        {
            if (_pattern.AsSpan(_at).StartsWith("(?:", StringComparison.Ordinal))
                _at += 3;
            else
                _at++; // a capturing group matches the same digits
            var end = Alternation(start);
            if (_at >= _pattern.Length || _pattern[_at] != ')')
                throw Unsupported();
            _at++;
            return end;
        }

        ushort digits;
        if (char.IsAsciiDigit(c))
        {
            digits = (ushort)(1 << (c - '0'));
            _at++;
        }
        else if (c == '[')
        {
            digits = 0;
            _at++;
            while (_pattern[_at] != ']')
            {
                var from = Digit(_pattern[_at]);
                var to = from;
                if (_pattern[_at + 1] == '-')
                {
                    to = Digit(_pattern[_at + 2]);
                    _at += 2;
                }

                for (var d = from; d <= to; d++)
                    digits |= (ushort)(1 << d);
                _at++;
            }

            _at++;
        }
        else
        {
            throw Unsupported();
        }

        var next = NewState();
        _moves[start].Add((digits, next));
        return next;
    }

    private int Digit(char c) => char.IsAsciiDigit(c) ? c - '0' : throw Unsupported();

    private NotSupportedException Unsupported() => new($"libphonenumber pattern '{_pattern}': unsupported syntax at {_at}");
}

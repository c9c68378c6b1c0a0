namespace Analytics.Sandbox.Data;

/// <summary>
/// SplitMix64: tiny, fast and stable across runtimes. Every record gets its own generator seeded from
/// (seed, feed, day, index), so record i is computable without generating records 0..i-1.
/// </summary>
internal struct Rng
{
    private ulong _state;

    public Rng(ulong state) => _state = state;

    public static Rng For(int seed, Feed feed, int dayNumber, long index)
    {
        var h = Mix(((ulong)(uint)seed << 32) ^ 0x5EED_5A4D_B0C5UL);
        h = Mix(h ^ ((ulong)(int)feed + 0x1000));
        h = Mix(h ^ (ulong)(uint)dayNumber);
        h = Mix(h ^ (ulong)index);
        return new Rng(h);
    }

    public ulong NextULong()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, n).</summary>
    public int Next(int n) => (int)((NextULong() >> 32) * (ulong)n >> 32);

    /// <summary>Uniform in [min, max].</summary>
    public int Between(int min, int max) => min + Next(max - min + 1);

    public bool Chance(double p) => NextDouble() < p;

    public double NextGaussian()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary>Index drawn with the given (not necessarily normalised) weights.</summary>
    public int PickWeighted(IReadOnlyList<double> weights)
    {
        var total = 0.0;
        foreach (var w in weights)
            total += w;
        var x = NextDouble() * total;
        for (var i = 0; i < weights.Count; i++)
        {
            x -= weights[i];
            if (x < 0)
                return i;
        }
        return weights.Count - 1;
    }

    public string Digits(int count)
    {
        Span<char> chars = stackalloc char[count];
        for (var i = 0; i < count; i++)
            chars[i] = (char)('0' + Next(10));
        return new string(chars);
    }

    public string Hex(int count)
    {
        const string hex = "0123456789abcdef";
        Span<char> chars = stackalloc char[count];
        for (var i = 0; i < count; i++)
            chars[i] = hex[Next(16)];
        return new string(chars);
    }

    /// <summary>A version-4-shaped UUID, deterministic from this generator.</summary>
    public string Uuid()
    {
        var a = NextULong();
        var b = NextULong();
        a = (a & 0xFFFFFFFFFFFF0FFFUL) | 0x0000000000004000UL;
        b = (b & 0x3FFFFFFFFFFFFFFFUL) | 0x8000000000000000UL;
        var s = a.ToString("x16", System.Globalization.CultureInfo.InvariantCulture)
            + b.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
        return string.Join('-', s[..8], s[8..12], s[12..16], s[16..20], s[20..]);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

using Analytics.Warehouse.DuckDb.Native;

namespace Analytics.Warehouse.DuckDb;

/// <summary>DECIMAL values: an unscaled integer (16 to 128 bits) and a scale, converted exactly.</summary>
internal static class DecimalCodec
{
    private static readonly Int128 DecimalMax = new(0xFFFF_FFFF, ulong.MaxValue);

    public static DuckDbDecimalStruct ToNative(decimal value)
    {
        var scale = value.Scale;
        var unscaled = Unscaled(value);
        var width = Math.Max(Math.Max(Digits(unscaled), scale), 1);
        return new DuckDbDecimalStruct { Width = (byte)width, Scale = (byte)scale, Value = new DuckDbHugeInt(unscaled) };
    }

    /// <summary>The unscaled integer of <paramref name="value"/> at its own scale.</summary>
    public static Int128 Unscaled(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var magnitude = ((Int128)(uint)bits[2] << 64) | ((Int128)(uint)bits[1] << 32) | (uint)bits[0];
        return bits[3] < 0 ? -magnitude : magnitude;
    }

    /// <summary>
    /// <paramref name="value"/> rescaled to <paramref name="scale"/> as an unscaled integer; fails rather
    /// than rounding, so money is never silently changed.
    /// </summary>
    public static Int128 Unscaled(decimal value, int scale)
    {
        if (value.Scale > scale)
        {
            var rounded = decimal.Round(value, scale);
            if (rounded != value)
                throw new InvalidCastException($"{value} has more than {scale} decimal places");
            value = rounded;
        }

        var unscaled = Unscaled(value);
        for (var s = value.Scale; s < scale; s++)
            unscaled *= 10;
        return unscaled;
    }

    /// <summary>The decimal <paramref name="unscaled"/> × 10^-<paramref name="scale"/>, exactly.</summary>
    public static decimal FromUnscaled(Int128 unscaled, int scale)
    {
        var negative = unscaled < 0;
        var magnitude = negative ? -unscaled : unscaled;
        while (magnitude > DecimalMax || scale > 28)
        {
            // Wider than System.Decimal: drop trailing digits, which only loses precision beyond 28-29 digits.
            if (scale == 0)
                throw new OverflowException("the DECIMAL value is too large for System.Decimal");
            magnitude /= 10;
            scale--;
        }

        var low = (int)(uint)(ulong)(magnitude & uint.MaxValue);
        var mid = (int)(uint)(ulong)((magnitude >> 32) & uint.MaxValue);
        var high = (int)(uint)(ulong)((magnitude >> 64) & uint.MaxValue);
        return new decimal(low, mid, high, negative, (byte)scale);
    }

    private static int Digits(Int128 value)
    {
        var magnitude = value < 0 ? -value : value;
        var digits = 1;
        while (magnitude >= 10)
        {
            magnitude /= 10;
            digits++;
        }

        return digits;
    }
}

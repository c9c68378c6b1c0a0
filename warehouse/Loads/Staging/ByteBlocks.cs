using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Analytics.Warehouse.Loads.Staging;

/// <summary>
/// Bit masks over 64-byte blocks of input, simdjson's stage 1: bit i of a mask stands for byte i of the block, so a
/// block's quotes, brackets and newlines become a few 64-bit words, and the strings between the quotes one prefix XOR.
/// The scanners then visit only the set bits that matter (record boundaries), which are rare.
/// </summary>
internal static class ByteBlocks
{
    public const int Size = 64;

    /// <summary>
    /// Whether the block path pays: without SIMD hardware the vector operations are emulated one lane at a time,
    /// slower than the scanners' byte-at-a-time loops.
    /// </summary>
    public static bool IsAccelerated => Vector128.IsHardwareAccelerated;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Equal(Vector256<byte> low, Vector256<byte> high, byte value) =>
        Bits(Vector256.Equals(low, Vector256.Create(value)), Vector256.Equals(high, Vector256.Create(value)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Bits(Vector256<byte> low, Vector256<byte> high) =>
        low.ExtractMostSignificantBits() | ((ulong)high.ExtractMostSignificantBits() << 32);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Equal(Vector128<byte> a, Vector128<byte> b, Vector128<byte> c, Vector128<byte> d, byte value)
    {
        var match = Vector128.Create(value);
        return Bits(Vector128.Equals(a, match), Vector128.Equals(b, match), Vector128.Equals(c, match), Vector128.Equals(d, match));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Bits(Vector128<byte> a, Vector128<byte> b, Vector128<byte> c, Vector128<byte> d) =>
        a.ExtractMostSignificantBits() | ((ulong)b.ExtractMostSignificantBits() << 16) |
        ((ulong)c.ExtractMostSignificantBits() << 32) | ((ulong)d.ExtractMostSignificantBits() << 48);

    /// <summary>
    /// Bit i set when an odd number of bits 0 to i are: given the quote bits, the bytes from each opening quote up to
    /// its closing quote (the closing quote itself clear). A carry-less multiply by all ones does it in one
    /// instruction; the shifts are the same sum in six steps.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong PrefixXor(ulong bits)
    {
        if (Pclmulqdq.IsSupported)
            return Pclmulqdq.CarrylessMultiply(Vector128.CreateScalar(bits), Vector128<ulong>.AllBitsSet, 0).ToScalar();
        bits ^= bits << 1;
        bits ^= bits << 2;
        bits ^= bits << 4;
        bits ^= bits << 8;
        bits ^= bits << 16;
        bits ^= bits << 32;
        return bits;
    }

    /// <summary>The bits 0 to <paramref name="bit"/>, both included (for bit 63 the shifted bit falls off and the subtraction wraps to all ones).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Through(int bit) => (2UL << bit) - 1;
}

namespace Analytics.Warehouse.Tests.Loads.Staging;

/// <summary>Hands out at most <c>readSize</c> bytes per read, so characters, tokens and lines split across reads.</summary>
internal sealed class ChunkedReadStream(byte[] data, int readSize) : MemoryStream(data)
{
    public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, readSize));

    public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, readSize)]);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        base.ReadAsync(buffer[..Math.Min(buffer.Length, readSize)], cancellationToken);
}

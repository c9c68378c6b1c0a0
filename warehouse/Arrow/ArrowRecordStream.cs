using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;

namespace Analytics.Warehouse.Arrow;

/// <summary>
/// An Arrow C stream of <see cref="TextBatchBuilder"/> batches that producers fill while DuckDB reads it
/// (<see cref="ArrowScan.Register"/>): DuckDB's scan threads wait in <c>get_next</c> for the next batch, and
/// producers wait in <see cref="Add"/> while <see cref="MaxQueued"/> batches are waiting, so memory stays bounded
/// whichever side is faster. Schema: <c>key</c> INTEGER, <c>ordinal</c> BIGINT, then the text columns (VARCHAR).
/// </summary>
internal sealed unsafe class ArrowRecordStream : IDisposable
{
    /// <summary>Batches waiting for DuckDB, at most.</summary>
    public const int MaxQueued = 2;

    private const int EndOfStreamOk = 0;
    private const int IoError = 5; // EIO: the producers failed

    private readonly BlockingCollection<nint> _queue = new(MaxQueued);
    private readonly CancellationTokenSource _abandoned = new();
    private readonly List<nint> _strings = [];
    private readonly ArrowSchema* _schema;
    private readonly ArrowArrayStream* _stream;
    private GCHandle _self;
    private volatile string? _error;
    private byte* _errorUtf8;
    private bool _disposed;

    public ArrowRecordStream(string keyColumn, string ordinalColumn, IReadOnlyList<string> textColumns)
    {
        Buffers = new BatchBufferPool(textColumns.Count);
        _self = GCHandle.Alloc(this);
        _schema = NewSchema("+s", null, 0);
        var names = new[] { keyColumn, ordinalColumn }.Concat(textColumns).ToList();
        _schema->ChildCount = names.Count;
        _schema->Children = (ArrowSchema**)NativeMemory.Alloc((nuint)names.Count, (nuint)sizeof(ArrowSchema*));
        for (var i = 0; i < names.Count; i++)
            _schema->Children[i] = NewSchema(i switch { 0 => "i", 1 => "l", _ => "u" }, names[i], i < 2 ? 0 : ArrowSchema.FlagNullable);

        _stream = (ArrowArrayStream*)NativeMemory.AllocZeroed((nuint)sizeof(ArrowArrayStream));
        _stream->GetSchema = &GetSchema;
        _stream->GetNext = &GetNext;
        _stream->GetLastError = &GetLastError;
        _stream->Release = &ReleaseStream;
        _stream->PrivateData = (void*)GCHandle.ToIntPtr(_self);
    }

    /// <summary>The memory of the stream's batches: builders for <see cref="Add"/> take theirs from here.</summary>
    public BatchBufferPool Buffers { get; }

    /// <summary>The stream, for <c>duckdb_arrow_scan</c>; valid until <see cref="Dispose"/>.</summary>
    internal ArrowArrayStream* Native => _stream;

    /// <summary>Hands the builder's rows to DuckDB (waits while <see cref="MaxQueued"/> batches are waiting).</summary>
    /// <exception cref="OperationCanceledException">The reader gave up (<see cref="Abandon"/>), or <paramref name="cancellationToken"/>.</exception>
    public void Add(TextBatchBuilder batch, CancellationToken cancellationToken)
    {
        if (batch.Rows == 0)
            return;
        var array = (ArrowArray*)NativeMemory.AllocZeroed((nuint)sizeof(ArrowArray));
        batch.Export(array);
        try
        {
            using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _abandoned.Token);
            _queue.Add((nint)array, either.Token);
        }
        catch
        {
            Free((nint)array);
            throw;
        }
    }

    /// <summary>Every batch is in: DuckDB's next wait for one ends the stream.</summary>
    public void Complete() => _queue.CompleteAdding();

    /// <summary>The producers failed: DuckDB's next wait for a batch fails its statement with <paramref name="message"/>.</summary>
    public void Fail(string message)
    {
        _error = message;
        _queue.CompleteAdding();
    }

    /// <summary>The reader gave up: producers waiting in <see cref="Add"/>, or coming to it, stop with <see cref="OperationCanceledException"/>.</summary>
    public void Abandon()
    {
        _abandoned.Cancel();
        _queue.CompleteAdding();
    }

    /// <summary>
    /// Frees the stream and whatever DuckDB did not take. Call once DuckDB is done with the stream and the producers
    /// have stopped (their builders disposed).
    /// </summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        Abandon();
        while (_queue.TryTake(out var array))
            Free(array);
        _queue.Dispose();
        _abandoned.Dispose();
        for (var i = 0; i < _schema->ChildCount; i++)
            NativeMemory.Free(_schema->Children[i]);
        NativeMemory.Free(_schema->Children);
        NativeMemory.Free(_schema);
        foreach (var text in _strings)
            NativeMemory.Free((void*)text);
        NativeMemory.Free(_errorUtf8);
        NativeMemory.Free(_stream);
        _self.Free();
        Buffers.Dispose();
    }

    private ArrowSchema* NewSchema(string format, string? name, long flags)
    {
        var schema = (ArrowSchema*)NativeMemory.AllocZeroed((nuint)sizeof(ArrowSchema));
        schema->Format = Utf8(format);
        schema->Name = name is null ? null : Utf8(name);
        schema->Flags = flags;
        schema->Release = &ReleaseSchema;
        return schema;
    }

    private byte* Utf8(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text + "\0");
        var native = (byte*)NativeMemory.Alloc((nuint)bytes.Length);
        bytes.CopyTo(new Span<byte>(native, bytes.Length));
        _strings.Add((nint)native);
        return native;
    }

    private static void Free(nint array)
    {
        var arrow = (ArrowArray*)array;
        if (arrow->Release != null)
            arrow->Release(arrow);
        NativeMemory.Free(arrow);
    }

    private static ArrowRecordStream Of(ArrowArrayStream* stream) => (ArrowRecordStream)GCHandle.FromIntPtr((nint)stream->PrivateData).Target!;

    // The schema stays the stream's: DuckDB gets a shallow copy (same children), and its release only marks it released.
    [UnmanagedCallersOnly]
    private static int GetSchema(ArrowArrayStream* stream, ArrowSchema* @out)
    {
        *@out = *Of(stream)._schema;
        return 0;
    }

    [UnmanagedCallersOnly]
    private static int GetNext(ArrowArrayStream* stream, ArrowArray* @out)
    {
        var self = Of(stream);
        try
        {
            if (self._error is null && self._queue.TryTake(out var array, Timeout.Infinite, self._abandoned.Token))
            {
                *@out = *(ArrowArray*)array; // moved: DuckDB releases it
                NativeMemory.Free((void*)array);
                return 0;
            }
        }
        catch (OperationCanceledException)
        {
            self._error ??= "the producers of the stream stopped";
        }

        *@out = default; // released: the end of the stream
        return self._error is null ? EndOfStreamOk : IoError;
    }

    [UnmanagedCallersOnly]
    private static byte* GetLastError(ArrowArrayStream* stream)
    {
        var self = Of(stream);
        if (self._error is null)
            return null;
        if (self._errorUtf8 == null)
        {
            var bytes = Encoding.UTF8.GetBytes(self._error + "\0");
            self._errorUtf8 = (byte*)NativeMemory.Alloc((nuint)bytes.Length);
            bytes.CopyTo(new Span<byte>(self._errorUtf8, bytes.Length));
        }

        return self._errorUtf8;
    }

    [UnmanagedCallersOnly]
    private static void ReleaseSchema(ArrowSchema* schema) => schema->Release = null;

    // DuckDB never releases the stream (it swaps in its own no-op); Dispose frees it.
    [UnmanagedCallersOnly]
    private static void ReleaseStream(ArrowArrayStream* stream) => stream->Release = null;
}

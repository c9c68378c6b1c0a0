using System.Data.Common;

namespace Analytics.Warehouse.DuckDb;

/// <summary>A failure reported by DuckDB, carrying DuckDB's own message and error class.</summary>
public sealed class DuckDbException : DbException
{
    public DuckDbException()
    {
    }

    public DuckDbException(string message)
        : this(message, ErrorTypeFromMessage(message))
    {
    }

    public DuckDbException(string message, Exception innerException)
        : base(message, innerException) => ErrorType = ErrorTypeFromMessage(message);

    public DuckDbException(string message, DuckDbErrorType errorType)
        : base(message) => ErrorType = errorType;

    /// <summary>DuckDB's error class (<see cref="DuckDbErrorType.Invalid"/> when DuckDB gave none).</summary>
    public DuckDbErrorType ErrorType { get; }

    /// <summary>
    /// Prepare and open errors come without a type code but DuckDB prefixes the message with the class
    /// ("Parser Error: …", "Catalog Error: …"), which is the same information.
    /// </summary>
    internal static DuckDbErrorType ErrorTypeFromMessage(string? message)
    {
        if (message is null)
            return DuckDbErrorType.Invalid;
        var end = message.IndexOf(" Error:", StringComparison.Ordinal);
        if (end <= 0)
            return DuckDbErrorType.Invalid;
        var name = message[..end].Replace(" ", string.Empty, StringComparison.Ordinal);
        return Enum.TryParse<DuckDbErrorType>(name, ignoreCase: true, out var type) ? type : DuckDbErrorType.Invalid;
    }
}

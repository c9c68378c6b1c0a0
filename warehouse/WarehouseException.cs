namespace Analytics.Warehouse;

/// <summary>The warehouse file could not be opened or used; the message is one line fit for a person.</summary>
public class WarehouseException : Exception
{
    public WarehouseException()
    {
    }

    public WarehouseException(string message)
        : base(message)
    {
    }

    public WarehouseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;

namespace Analytics.Warehouse.DuckDb;

/// <summary>
/// A statement parameter. A name (with or without a <c>$</c>/<c>@</c>/<c>:</c> prefix) binds to
/// <c>$name</c> in the SQL; an unnamed parameter binds by position (<c>?</c>, <c>$1</c>).
/// </summary>
public sealed class DuckDbParameter : DbParameter
{
    private string _name = string.Empty;
    private string _sourceColumn = string.Empty;

    public DuckDbParameter()
    {
    }

    public DuckDbParameter(object? value) => Value = value;

    public DuckDbParameter(string name, object? value)
    {
        _name = name;
        Value = value;
    }

    public override DbType DbType { get; set; } = DbType.Object;

    public override ParameterDirection Direction
    {
        get => ParameterDirection.Input;
        set
        {
            if (value != ParameterDirection.Input)
                throw new NotSupportedException("DuckDB parameters are input only");
        }
    }

    public override bool IsNullable { get; set; }

    [AllowNull]
    public override string ParameterName
    {
        get => _name;
        set => _name = value ?? string.Empty;
    }

    /// <summary>The name as DuckDB knows it: without the <c>$</c>, <c>@</c> or <c>:</c> prefix.</summary>
    internal string BareName => _name.Length > 0 && _name[0] is '$' or '@' or ':' ? _name[1..] : _name;

    public override int Size { get; set; }

    [AllowNull]
    public override string SourceColumn
    {
        get => _sourceColumn;
        set => _sourceColumn = value ?? string.Empty;
    }

    public override bool SourceColumnNullMapping { get; set; }

    public override object? Value { get; set; }

    public override void ResetDbType() => DbType = DbType.Object;
}

using System.Collections;
using System.Data.Common;

namespace Analytics.Warehouse.DuckDb;

/// <summary>The parameters of a <see cref="DuckDbCommand"/>, in order.</summary>
public sealed class DuckDbParameterCollection : DbParameterCollection, IReadOnlyList<DuckDbParameter>
{
    private readonly List<DuckDbParameter> _items = [];

    public override int Count => _items.Count;

    public override object SyncRoot => ((ICollection)_items).SyncRoot;

    internal IReadOnlyList<DuckDbParameter> Items => _items;

    public new DuckDbParameter this[int index]
    {
        get => _items[index];
        set => _items[index] = value;
    }

    public DuckDbParameter Add(string name, object? value)
    {
        var parameter = new DuckDbParameter(name, value);
        _items.Add(parameter);
        return parameter;
    }

    public override int Add(object value)
    {
        _items.Add(Cast(value));
        return _items.Count - 1;
    }

    public override void AddRange(Array values)
    {
        foreach (var value in values)
            Add(value!);
    }

    public override void Clear() => _items.Clear();

    public override bool Contains(object value) => value is DuckDbParameter p && _items.Contains(p);

    public override bool Contains(string value) => IndexOf(value) >= 0;

    public override void CopyTo(Array array, int index) => ((ICollection)_items).CopyTo(array, index);

    public override IEnumerator GetEnumerator() => _items.GetEnumerator();

    IEnumerator<DuckDbParameter> IEnumerable<DuckDbParameter>.GetEnumerator() => _items.GetEnumerator();

    public override int IndexOf(object value) => value is DuckDbParameter p ? _items.IndexOf(p) : -1;

    public override int IndexOf(string parameterName)
    {
        var bare = parameterName.Length > 0 && parameterName[0] is '$' or '@' or ':' ? parameterName[1..] : parameterName;
        return _items.FindIndex(p => string.Equals(p.BareName, bare, StringComparison.OrdinalIgnoreCase));
    }

    public override void Insert(int index, object value) => _items.Insert(index, Cast(value));

    public override void Remove(object value) => _items.Remove(Cast(value));

    public override void RemoveAt(int index) => _items.RemoveAt(index);

    public override void RemoveAt(string parameterName) => _items.RemoveAt(IndexOfExisting(parameterName));

    protected override DbParameter GetParameter(int index) => _items[index];

    protected override DbParameter GetParameter(string parameterName) => _items[IndexOfExisting(parameterName)];

    protected override void SetParameter(int index, DbParameter value) => _items[index] = Cast(value);

    protected override void SetParameter(string parameterName, DbParameter value) => _items[IndexOfExisting(parameterName)] = Cast(value);

    private int IndexOfExisting(string parameterName)
    {
        var index = IndexOf(parameterName);
        return index >= 0 ? index : throw new ArgumentException($"no parameter named '{parameterName}'");
    }

    private static DuckDbParameter Cast(object value) => value as DuckDbParameter
        ?? throw new InvalidCastException($"expected a {nameof(DuckDbParameter)}, got {value?.GetType().Name ?? "null"}");
}

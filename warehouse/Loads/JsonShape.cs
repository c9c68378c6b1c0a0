using System.Text.Json;

namespace Analytics.Warehouse.Loads;

/// <summary>
/// Token-by-token check of a JSON payload's shape: a bare array of objects (envelope null) or an object whose
/// <c>envelope</c> member is an array of objects. Everything inside a record is the mapping's business.
/// </summary>
internal sealed class JsonShape(string? envelope)
{
    private bool _inRecords;
    private string? _property;

    /// <summary>True once the record array was seen.</summary>
    public bool Found { get; private set; }

    public string? Accept(ref Utf8JsonReader reader)
    {
        var depth = reader.CurrentDepth;
        var token = reader.TokenType;
        if (depth == 0 && token is not (JsonTokenType.EndArray or JsonTokenType.EndObject))
        {
            if (envelope is null && token != JsonTokenType.StartArray)
                return $"the document is {Describe(token)}";
            if (envelope is not null && token != JsonTokenType.StartObject)
                return $"the document is {Describe(token)}";
            if (envelope is null)
            {
                _inRecords = true;
                Found = true;
            }

            return null;
        }

        if (envelope is not null && depth == 1)
        {
            if (token == JsonTokenType.PropertyName)
            {
                _property = reader.GetString();
                return null;
            }

            if (token == JsonTokenType.EndArray)
            {
                _inRecords = false;
                return null;
            }

            if (_property == envelope && token != JsonTokenType.EndObject)
            {
                if (token == JsonTokenType.StartArray)
                {
                    _inRecords = true;
                    Found = true;
                    return null;
                }

                if (token == JsonTokenType.Null)
                    return null; // an empty page some APIs send as null
                return $"\"{envelope}\" is {Describe(token)}";
            }

            return null;
        }

        var recordDepth = envelope is null ? 1 : 2;
        if (_inRecords && depth == recordDepth && token is not (JsonTokenType.StartObject or JsonTokenType.EndObject or JsonTokenType.EndArray))
            return $"record at byte {reader.TokenStartIndex} is {Describe(token)}, not an object";
        if (envelope is null && depth == 0)
            _inRecords = false;
        return null;
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray => "an array",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };
}

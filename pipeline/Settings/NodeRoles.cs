namespace Analytics.Pipeline.Settings;

/// <summary>What a <c>serve</c> node does (<c>Jobs:Roles</c>).</summary>
[Flags]
internal enum NodeRole
{
    None = 0,

    /// <summary>Provider pulls into the shared landing zone; any number of nodes.</summary>
    Ingest = 1,

    /// <summary>Load, report and email: only the node that holds the DuckDB file.</summary>
    Warehouse = 2,
}

internal static class NodeRoles
{
    public static NodeRole Parse(string? text)
    {
        var roles = NodeRole.None;
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            roles |= part.ToLowerInvariant() switch
            {
                "ingest" => NodeRole.Ingest,
                "warehouse" => NodeRole.Warehouse,
                "both" => NodeRole.Ingest | NodeRole.Warehouse,
                _ => throw new SettingsException($"Jobs:Roles: unknown role '{part}'; expected ingest, warehouse or both"),
            };
        }

        return roles == NodeRole.None ? NodeRole.Ingest | NodeRole.Warehouse : roles;
    }
}

using Analytics.Warehouse.Mapping;

namespace Analytics.Warehouse.Tests.Mapping;

public sealed class SqlTemplatesTests
{
    [Fact]
    public void A_batch_of_consecutive_load_ids_is_filtered_by_range_and_any_other_set_by_list()
    {
        Assert.Equal("r.load_id BETWEEN 7 AND 10", SqlTemplates.InLoads("r.load_id", [9, 7, 10, 8]));
        Assert.Equal("load_id IN (7, 9, 10)", SqlTemplates.InLoads("load_id", [7, 9, 10]));
        Assert.Equal("load_id IN (7, 7, 8)", SqlTemplates.InLoads("load_id", [7, 7, 8]));
    }

    [Fact]
    public void Every_load_id_filter_of_a_mapping_becomes_the_range_of_its_batch()
    {
        var steps = FeedMappings.For("telnyx", "call-control", new MappingSettings())!.UnifySteps([41, 42]);
        var sql = string.Join("\n", steps.Select(s => s.Guard + "\n" + s.Sql));

        Assert.DoesNotContain("IN (41, 42)", sql, StringComparison.Ordinal);
        Assert.Contains("r.load_id BETWEEN 41 AND 42", sql, StringComparison.Ordinal);
    }
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Analytics.Testing;
using Analytics.Landing;

namespace Analytics.Warehouse.Tests.Landing;

public sealed class LandingZoneTests : IDisposable
{
    private static readonly DateOnly Day = new(2026, 11, 21);
    private readonly TempDirectory _dir = new("landing");
    private readonly LandingZone _zone;

    public LandingZoneTests() => _zone = new LandingZone(new LandingOptions { Path = _dir.Path });

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_completed_day_lists_its_files_in_manifest_order_with_hashes_that_verify()
    {
        var writer = _zone.StartDay("telnyx", "messaging", Day);
        await LandAsync(writer, "page-0001.json", """{"data":[1,2]}""", 2);
        await LandAsync(writer, "page-0002.json", """{"data":[3]}""", 1);
        var completion = await writer.CompleteAsync(CancellationToken.None);

        var day = Assert.Single(_zone.CompleteDays("telnyx"));
        Assert.Equal(["page-0001.json", "page-0002.json"], day.Files.Select(f => f.Entry.File));
        Assert.Equal((2, 3L), (completion.Files, completion.Records));
        var first = day.Files[0];
        Assert.Equal(Hex("""{"data":[1,2]}"""), first.Sha256);
        Assert.Equal(Path.Combine(_dir.Path, "telnyx", "messaging", "2026-11-21", "page-0001.json"), first.Path);
        foreach (var file in day.Files)
            await LandingZone.VerifyAsync(file, CancellationToken.None);
        Assert.True(_zone.IsComplete("telnyx", "messaging", Day));
        Assert.Equal(day.Files, _zone.CompleteDay("telnyx", "messaging", Day)!.Files);
        Assert.Null(_zone.CompleteDay("telnyx", "messaging", Day.AddDays(1)));
    }

    [Fact]
    public async Task Manifest_lines_carry_the_agreed_keys_and_a_utc_timestamp()
    {
        var writer = _zone.StartDay("callr", "cdr_in", Day);
        await LandAsync(writer, "result.json", "[]", 0);
        var line = File.ReadAllLines(Path.Combine(writer.Directory, LandingZone.ManifestFileName)).Single();
        using var json = JsonDocument.Parse(line);
        var keys = json.RootElement.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(["file", "url", "fetched_at", "sha256", "bytes", "records"], keys);
        Assert.EndsWith("Z", json.RootElement.GetProperty("fetched_at").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_day_without_its_complete_marker_is_invisible_to_readers()
    {
        var writer = _zone.StartDay("telnyx", "webrtc", Day);
        await LandAsync(writer, "page-0001.json", "{}", 0);
        Assert.Empty(_zone.CompleteDays());
        Assert.False(_zone.IsComplete("telnyx", "webrtc", Day));
    }

    [Fact]
    public async Task A_payload_disposed_without_commit_leaves_no_file_behind()
    {
        var writer = _zone.StartDay("telgorithm", "calls", Day);
        await using (var pending = writer.Begin("page-0001.json"))
            await pending.Stream.WriteAsync(Encoding.UTF8.GetBytes("{\"items\":[tru"));
        Assert.Empty(Directory.EnumerateFiles(writer.Directory));
    }

    [Fact]
    public async Task Starting_a_day_again_wipes_the_earlier_attempt_marker_first()
    {
        var writer = _zone.StartDay("televoips", "cdrs", Day);
        await LandAsync(writer, "cdrs_2026-11-21.csv", "a\n1\n", 1);
        await writer.CompleteAsync(CancellationToken.None);

        var again = _zone.StartDay("televoips", "cdrs", Day);
        Assert.False(_zone.IsComplete("televoips", "cdrs", Day));
        Assert.Empty(Directory.EnumerateFiles(again.Directory));
    }

    [Fact]
    public async Task A_file_changed_after_landing_fails_verification_naming_the_file()
    {
        var writer = _zone.StartDay("telnyx", "messaging", Day);
        await LandAsync(writer, "page-0001.json", """{"data":[]}""", 0);
        await writer.CompleteAsync(CancellationToken.None);
        var file = Assert.Single(Assert.Single(_zone.CompleteDays()).Files);
        await File.WriteAllTextAsync(file.Path, """{"data":[9]}""");

        var ex = await Assert.ThrowsAsync<LandingCorruptException>(() => LandingZone.VerifyAsync(file, CancellationToken.None));
        Assert.Contains("page-0001.json", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reading_a_verified_stream_to_its_end_checks_the_hash()
    {
        var writer = _zone.StartDay("callr", "sms_in", Day);
        await LandAsync(writer, "result.json", "[1,2,3]", 3);
        await writer.CompleteAsync(CancellationToken.None);
        var file = Assert.Single(_zone.CompleteDay("callr", "sms_in", Day)!.Files);

        await using (var good = LandingZone.OpenVerified(file))
            Assert.Equal("[1,2,3]", await new StreamReader(good).ReadToEndAsync());
        await File.WriteAllTextAsync(file.Path, "[1,2,4]");
        await using var bad = LandingZone.OpenVerified(file);
        await Assert.ThrowsAsync<LandingCorruptException>(() => new StreamReader(bad).ReadToEndAsync());
    }

    [Fact]
    public void Names_that_would_escape_the_landing_root_are_rejected() =>
        Assert.Throws<ArgumentException>(() => _zone.StartDay("../etc", "x", Day));

    [Theory]
    [InlineData("{\"file\":\"page-0002.json\",\"fetched_at\":\"yesterday\"}")]
    [InlineData("{\"file\":\"page-0002.json\",\"fetched_at\":20261121}")]
    [InlineData("{\"file\":\"page-0002.json\",\"bytes\":\"many\"}")]
    [InlineData("not json")]
    public async Task A_damaged_manifest_line_is_named_by_file_and_line(string damaged)
    {
        var writer = _zone.StartDay("telnyx", "messaging", Day);
        await LandAsync(writer, "page-0001.json", """{"data":[1]}""", 1);
        await writer.CompleteAsync(CancellationToken.None);
        var manifest = Path.Combine(writer.Directory, LandingZone.ManifestFileName);
        await File.AppendAllTextAsync(manifest, damaged + "\n");

        var ex = Assert.Throws<LandingCorruptException>(() => _zone.CompleteDays("telnyx").ToList());
        Assert.Contains($"{manifest} line 2 is not a manifest entry", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_damaged_completion_marker_is_named()
    {
        var writer = _zone.StartDay("telnyx", "messaging", Day);
        await LandAsync(writer, "page-0001.json", """{"data":[1]}""", 1);
        await writer.CompleteAsync(CancellationToken.None);
        var marker = Path.Combine(writer.Directory, LandingZone.CompleteFileName);
        await File.WriteAllTextAsync(marker, """{"source":"telnyx","files":"two"}""");

        var ex = Assert.Throws<LandingCorruptException>(() => _zone.CompleteDays("telnyx").ToList());
        Assert.Contains($"{marker} is not a valid completion marker", ex.Message, StringComparison.Ordinal);
    }

    private static async Task LandAsync(LandingDayWriter writer, string name, string body, long records)
    {
        await using var pending = writer.Begin(name);
        await pending.Stream.WriteAsync(Encoding.UTF8.GetBytes(body));
        await pending.CommitAsync("http://127.0.0.1/x", records, CancellationToken.None);
    }

    private static string Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}

using System.IO.Compression;
using System.Net;
using System.Text;

namespace Analytics.Sandbox.Tests.TeleVoips;

public sealed class TeleVoipsEndpointsTests : SandboxClassBase
{
    private static readonly DateOnly Day = new(2026, 11, 19);
    private static readonly string[] Dispositions = ["ANSWERED", "NO ANSWER", "BUSY", "FAILED", "CONGESTION"];

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    public async Task Rejects_a_missing_or_wrong_key_with_403_Access_Denied(string? key)
    {
        using var client = new HttpClient { BaseAddress = Host.TeleVoipsBaseUrl };
        if (key is not null)
            client.DefaultRequestHeaders.Add("x-api-key", key);
        using var r = await client.GetAsync("reports/cdrs");
        Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        Assert.Equal("Access Denied", await r.Content.ReadAsStringAsync());
        using var file = await client.GetAsync($"reports/cdrs/files/cdrs_{Day:yyyy-MM-dd}.csv");
        Assert.Equal(HttpStatusCode.Forbidden, file.StatusCode);
    }

    [Fact]
    public async Task Accepts_the_bare_token_in_authorization_too()
    {
        using var client = new HttpClient { BaseAddress = Host.TeleVoipsBaseUrl };
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", SandboxKeys.TeleVoipsApiKey);
        using var r = await client.GetAsync("reports/cdrs");
        Assert.True(r.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.Created, $"HTTP {(int)r.StatusCode}"); // yesterday's export may be done already
    }

    [Fact]
    public async Task A_client_polling_exactly_as_documented_gets_its_201_for_yesterday()
    {
        using var client = SandboxTestKit.TeleVoips(Host);
        var ids = new HashSet<string>();
        for (var poll = 1; poll <= 10; poll++)
        {
            using var r = await client.GetAsync("reports/cdrs"); // the documented request: no query parameters
            var json = await SandboxTestKit.JsonAsync(r);
            ids.Add(json.GetProperty("id").GetString()!);
            if (r.StatusCode == HttpStatusCode.Created)
            {
                Assert.Equal($"http://127.0.0.1:{Host.Port}/reports/cdrs/files/cdrs_2026-11-19.csv", json.GetProperty("url").GetString());
                Assert.Single(ids); // one export for the day, never restarted
                return;
            }
            Assert.Equal(HttpStatusCode.Accepted, r.StatusCode);
        }
        Assert.Fail("10 documented polls, all 202: the export restarts on every poll");
    }

    [Fact]
    public async Task Answers_202_requested_then_processing_then_201_with_the_csv_url_and_polls_without_id_go_on_with_the_days_export()
    {
        using var client = SandboxTestKit.TeleVoips(Host);
        using var first = await client.GetAsync("reports/cdrs?date=2026-11-18");
        var j1 = await SandboxTestKit.JsonAsync(first);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal("requested", j1.GetProperty("status").GetString());
        Assert.Equal("2026-11-18", j1.GetProperty("date").GetString());
        var id = j1.GetProperty("id").GetString();
        Assert.StartsWith("exp-", id, StringComparison.Ordinal);

        using var second = await client.GetAsync($"reports/cdrs?id={id}");
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal("processing", (await SandboxTestKit.JsonAsync(second)).GetProperty("status").GetString());

        using var third = await client.GetAsync("reports/cdrs?date=2026-11-18");
        var j3 = await SandboxTestKit.JsonAsync(third);
        Assert.Equal(HttpStatusCode.Created, third.StatusCode);
        Assert.Equal(id, j3.GetProperty("id").GetString());
        Assert.Equal("complete", j3.GetProperty("status").GetString());
        Assert.Equal($"http://127.0.0.1:{Host.Port}/reports/cdrs/files/cdrs_2026-11-18.csv", j3.GetProperty("url").GetString());
    }

    [Theory]
    [InlineData("reports/cdrs?id=exp-999999", "unknown export id")]
    [InlineData("reports/cdrs?date=2026-11-20", "outside the available range")]
    [InlineData("reports/cdrs?date=19-11-2026", "yyyy-MM-dd")]
    public async Task Answers_400_with_an_error_for_bad_ids_and_dates(string url, string expected)
    {
        using var client = SandboxTestKit.TeleVoips(Host);
        using var r = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Contains(expected, (await SandboxTestKit.JsonAsync(r)).GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serves_the_csv_gzip_encoded_with_freepbx_columns_and_quoted_strings()
    {
        using var raw = SandboxTestKit.TeleVoips(Host, decompress: false);
        var url = await SandboxTestKit.ExportUrlAsync(raw, Day);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.AcceptEncoding.ParseAdd("gzip");
        using var r = await raw.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("text/csv", r.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["gzip"], r.Content.Headers.ContentEncoding);
        var bytes = await r.Content.ReadAsByteArrayAsync();
        Assert.Equal([0x1f, 0x8b], bytes[..2]);
        using var gz = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        var text = await new StreamReader(gz, Encoding.UTF8).ReadToEndAsync();

        var rows = SandboxTestKit.ParseCsv(text);
        Assert.Equal(
            "calldate,clid,src,dst,dcontext,channel,dstchannel,lastapp,lastdata,duration,billsec,disposition,amaflags,accountcode,uniqueid,userfield,did,recordingfile,cnum,cnam,outbound_cnum,outbound_cnam,dst_cnam,linkedid,peeraccount,sequence",
            string.Join(',', rows[0].Select(f => f.Value)));
        var header = rows[0].Select(f => f.Value).ToList();
        var integers = new HashSet<string> { "duration", "billsec", "amaflags", "sequence" };
        var data = rows.Skip(1).ToList();
        Assert.True(data.Count > 100, $"only {data.Count} rows");
        var uniqueIds = new HashSet<string>();
        foreach (var row in data)
        {
            Assert.Equal(header.Count, row.Count);
            for (var c = 0; c < header.Count; c++)
                Assert.Equal(!integers.Contains(header[c]), row[c].Quoted);
            string F(string name) => row[header.IndexOf(name)].Value;
            Assert.Matches("^2026-11-19 \\d\\d:\\d\\d:\\d\\d$", F("calldate"));
            Assert.Matches("^\"[^\"]+\" <\\+?\\d+>$", F("clid"));
            Assert.Contains(F("disposition"), Dispositions);
            var billsec = int.Parse(F("billsec"), System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(billsec <= int.Parse(F("duration"), System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(F("disposition") == "ANSWERED" || billsec == 0);
            Assert.True(uniqueIds.Add(F("uniqueid")));
            Assert.Equal(F("uniqueid"), F("linkedid"));
            if (F("dcontext") == "from-internal")
                Assert.Equal("", F("did"));
            else
                Assert.Matches("^[2-9][0-9]{9}$", F("did")); // national NANP digits, as TeleVoIPs sends them
        }
        Assert.Contains(data, row => row[1].Value.Contains('"', StringComparison.Ordinal));
        Assert.Contains("\"\"\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serves_plain_csv_to_a_client_that_does_not_accept_gzip()
    {
        using var raw = SandboxTestKit.TeleVoips(Host, decompress: false);
        var url = await SandboxTestKit.ExportUrlAsync(raw, Day);
        using var r = await raw.GetAsync(url);
        Assert.Empty(r.Content.Headers.ContentEncoding);
        Assert.StartsWith("calldate,clid,", await r.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Moves_the_did_column_after_dst_cnam_when_asked()
    {
        await using var host = await SandboxTestKit.StartAsync(SandboxTestKit.Small() with { TeleVoipsDidLast = true });
        using var client = SandboxTestKit.TeleVoips(host);
        var text = await client.GetStringAsync(await SandboxTestKit.ExportUrlAsync(client, Day));
        Assert.StartsWith("calldate,clid,src,dst,dcontext,channel,dstchannel,lastapp,lastdata,duration,billsec,disposition,amaflags,accountcode,uniqueid,userfield,recordingfile,cnum,cnam,outbound_cnum,outbound_cnam,dst_cnam,did,linkedid,", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Files_hold_one_local_date_when_a_time_zone_is_configured()
    {
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        await using var host = await SandboxTestKit.StartAsync(SandboxTestKit.Small() with { TeleVoipsTimeZone = paris });
        using var client = SandboxTestKit.TeleVoips(host);
        var rows = SandboxTestKit.ParseCsv(await client.GetStringAsync(await SandboxTestKit.ExportUrlAsync(client, Day))).Skip(1).ToList();
        Assert.All(rows, r => Assert.StartsWith("2026-11-19 ", r[0].Value, StringComparison.Ordinal));
        // 00:xx in Paris is still the 18th in UTC: those calls come from the previous generated UTC day.
        Assert.Contains(rows, r => r[0].Value.StartsWith("2026-11-19 00:", StringComparison.Ordinal));
        // The ground truth counts calls by UTC day: the 18th's last hour in UTC is in the file of the 19th, Paris time.
        var before = SandboxTestKit.ParseCsv(await client.GetStringAsync(await SandboxTestKit.ExportUrlAsync(client, Day.AddDays(-1)))).Skip(1);
        var utcDay = rows.Concat(before).Count(r => DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeSeconds(long.Parse(r[14].Value.Split('.')[0], System.Globalization.CultureInfo.InvariantCulture)).UtcDateTime) == Day.AddDays(-1));
        Assert.True(utcDay > rows.Count / 2);
        var truth = host.GroundTruth.Days.Where(d => d.Source == "televoips" && d.Day == Day.AddDays(-1)).Sum(d => d.Count);
        Assert.Equal(utcDay, truth);
    }
}

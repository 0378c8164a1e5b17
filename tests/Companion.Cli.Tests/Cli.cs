using System.Collections.Immutable;
using System.IO.Compression;
using System.Net;
using Companion.Continuity;
using Companion.Domain.Events;
using Companion.EventLog;
using Companion.History;

namespace Companion.Cli.Tests;

/// <summary>Runs the CLI in process, capturing what it prints, with a fake silo behind HTTP when a test needs one.</summary>
internal sealed class Cli
{
    private readonly Dictionary<string, string> _environment = [];

    public StringWriter Out { get; } = new();

    public StringWriter Error { get; } = new();

    public FakeSilo Silo { get; } = new();

    public Cli WithEnvironment(string name, string value)
    {
        _environment[name] = value;
        return this;
    }

    public Task<int> RunAsync(params string[] args) =>
        CompanionCli.RunAsync(args, new CliContext(Out, Error, name => _environment.GetValueOrDefault(name), Silo, Interactive: false));

    /// <summary>A valid archive of a small history, written to a temporary file; with its payloads encrypted as a silo stores them when <paramref name="encrypted"/>.</summary>
    public static async Task<string> ArchiveFileAsync(bool encrypted = false)
    {
        var registry = EventTypeRegistry.ForUserEvents();
        var at = new DateTimeOffset(2026, 5, 4, 8, 0, 0, TimeSpan.Zero);
        UserEvent[] events =
        [
            new UserRegistered("u_robin0001", "Robin", at),
            new CompanionCreated("c_sol00001", "Sol", Persona.Empty with { Description = "A calm friend.", Tags = ImmutableArray.Create("calm") }, null, at.AddMinutes(1)),
            new JournalEntryWritten("j_first001", "secure-base-check-in", "Woke up anxious, then remembered Ada called back.", "hopeful", null, at.AddDays(2)),
        ];
        using var cipher = encrypted ? new Companion.EventLog.Encryption.PayloadCipher("u_robin0001", Companion.EventLog.Encryption.MasterKeyRing.NewKey()) : null;
        var envelopes = EnvelopeChain.Seal("u_robin0001", StreamHead.Empty, events.Select((e, i) =>
        {
            var data = registry.ToData(e);
            return cipher is null ? data : data with { Payload = cipher.EncryptPayload(i + 1, data.Payload.Span) };
        }));
        var path = Path.Combine(Directory.CreateTempSubdirectory("companion-cli-").FullName, "robin.zip");
        await using var file = File.Create(path);
        await new ArchiveWriter(registry).WriteAsync(file, envelopes.ToAsyncEnumerable(), cipher);
        return path;
    }

    /// <summary>A copy of an archive with one entry's text changed.</summary>
    public static string Tamper(string path, string entry, Func<string, string> change)
    {
        var copy = Path.Combine(Path.GetDirectoryName(path)!, "tampered.zip");
        using var source = ZipFile.OpenRead(path);
        using var target = ZipFile.Open(copy, ZipArchiveMode.Create);
        foreach (var original in source.Entries)
        {
            using var reader = new StreamReader(original.Open());
            var text = reader.ReadToEnd();
            using var writer = new StreamWriter(target.CreateEntry(original.FullName).Open());
            writer.Write(original.FullName == entry ? change(text) : text);
        }

        return copy;
    }
}

/// <summary>Answers the CLI's HTTP requests with a fixed response and remembers what it was sent.</summary>
internal sealed class FakeSilo : HttpMessageHandler
{
    public HttpResponseMessage Response { get; set; } = new(HttpStatusCode.NotFound);

    public HttpRequestMessage? Request { get; private set; }

    public byte[]? RequestBody { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Request = request;
        RequestBody = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        return Response;
    }
}

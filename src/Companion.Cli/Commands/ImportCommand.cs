using System.CommandLine;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Companion.Cli.Commands;

/// <summary><c>companion import &lt;archive&gt;</c>: restores an archive into a silo (admin token).</summary>
internal static class ImportCommand
{
    public static Command Create(CliContext context)
    {
        var silo = new SiloConnection();
        var archive = new Argument<FileInfo>("archive") { Description = "The archive (.zip) to restore." };
        var command = new Command("import", "Restore an archive into a silo, into a user that has no events yet (needs the admin token).") { archive };
        silo.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var file = parse.GetRequiredValue(archive);
            if (!file.Exists)
            {
                context.Error.WriteLine($"error: no such file: {file.FullName}");
                return ExitCodes.Usage;
            }

            using var client = silo.CreateClient(parse, context);
            return client is null ? ExitCodes.Usage : await RunAsync(context, client, file, cancellationToken);
        });
        return command;
    }

    public static async Task<int> RunAsync(CliContext context, HttpClient client, FileInfo archive, CancellationToken cancellationToken)
    {
        await using var file = archive.OpenRead();
        HttpResponseMessage response;
        try
        {
            response = await CliProgress.RunAsync(context, "Importing", archive.Length, report =>
            {
                var content = new StreamContent(new ProgressStream(file, report), 1 << 16);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
                content.Headers.ContentLength = archive.Length;
                return client.PostAsync("/v1/imports", content, cancellationToken);
            });
        }
        catch (HttpRequestException e)
        {
            context.Error.WriteLine($"error: cannot reach {client.BaseAddress}: {e.Message}");
            return ExitCodes.Failed;
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                context.Error.WriteLine($"error: import refused: {await SiloConnection.DescribeAsync(response, cancellationToken)}");
                return ExitCodes.Failed;
            }

            using var created = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            var root = created.RootElement;
            context.Out.WriteLine($"imported: user {root.GetProperty("userId").GetString()}, {root.GetProperty("version").GetInt64()} events, head hash {root.GetProperty("headHash").GetString()}.");
            context.Out.WriteLine($"token: {root.GetProperty("token").GetString()}");
            return ExitCodes.Ok;
        }
    }

    /// <summary>Reports how much of the file has been sent.</summary>
    private sealed class ProgressStream(Stream inner, Action<long> report) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Reported(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Reported(await inner.ReadAsync(buffer, cancellationToken));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Reported(int read)
        {
            report(inner.Position);
            return read;
        }
    }
}

using System.Text;

namespace Companion.Continuity.Zip;

/// <summary>An entry's name as the ZIP stores it: UTF-8, flagged as such unless it is plain ASCII.</summary>
internal sealed record ZipEntryName(string Value)
{
    public byte[] Bytes { get; } = Encoding.UTF8.GetBytes(Value);

    public bool IsAscii => Bytes.Length == Value.Length;
}

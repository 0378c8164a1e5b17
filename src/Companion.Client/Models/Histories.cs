namespace Companion.Client;

/// <summary>How to read a chat history file.</summary>
/// <param name="Format"><c>sillytavern</c> or <c>generic</c>; null to tell from the file.</param>
/// <param name="UtcOffset">The offset of local times written without a zone, such as <c>+02:00</c>; null for UTC.</param>
public sealed record HistoryImportOptions(string? Format = null, string? UtcOffset = null);

/// <summary>A chat history imported (or, for the same file again, the session it was imported as).</summary>
/// <param name="SessionId">The session that holds it.</param>
/// <param name="Version">The log version of its last event.</param>
/// <param name="Duplicate">True when this file had been imported before: nothing new was written.</param>
/// <param name="Format">How the file was read.</param>
/// <param name="Messages">How many messages it holds.</param>
/// <param name="Swipes">How many alternate replies came with them.</param>
/// <param name="Warnings">What of the file is not kept, or was read by assumption.</param>
public sealed record HistoryImported(string SessionId, long Version, bool Duplicate, string Format, int Messages, int Swipes, IReadOnlyList<string> Warnings);

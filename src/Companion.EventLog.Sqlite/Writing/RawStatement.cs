using System.Buffers;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Companion.EventLog.Sqlite.Writing;

/// <summary>
/// A statement prepared once on the writer's connection and stepped through SQLite's own API,
/// for the statements run for every append. <see cref="SqliteCommand"/> makes a data reader, a
/// binder per parameter and a UTF-8 copy of every string each time it runs, which on the append
/// path cost more allocation than the row itself; this binds spans and steps with none. It runs
/// in whatever transaction the connection has open, and fails as Microsoft.Data.Sqlite would
/// (a <see cref="SqliteException"/> with SQLite's codes), so storage faults are told apart alike.
/// </summary>
internal sealed class RawStatement : IDisposable
{
    private const int StackTextBytes = 256;

    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public RawStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        var rc = raw.sqlite3_prepare_v2(_db, sql, out var statement);
        if (rc != raw.SQLITE_OK)
        {
            statement?.Dispose();
            SqliteException.ThrowExceptionForRC(rc, _db);
            throw new InvalidOperationException($"SQLite could not prepare a statement (error {rc}).");
        }

        _statement = statement;
    }

    /// <summary>The 1-based index of a named parameter; throws when the statement has no such parameter.</summary>
    public int IndexOf(string name)
    {
        var index = raw.sqlite3_bind_parameter_index(_statement, name);
        return index > 0 ? index : throw new ArgumentException($"The statement has no parameter {name}.", nameof(name));
    }

    public void Bind(int index, long value) => Check(raw.sqlite3_bind_int64(_statement, index, value));

    public void BindNull(int index) => Check(raw.sqlite3_bind_null(_statement, index));

    public void BindBlob(int index, ReadOnlySpan<byte> value) =>
        Check(value.IsEmpty ? raw.sqlite3_bind_zeroblob(_statement, index, 0) : raw.sqlite3_bind_blob(_statement, index, value));

    /// <summary>Binds text as UTF-8, encoded on the stack (or in a pooled buffer when long); SQLite copies it.</summary>
    public void BindText(int index, string value)
    {
        if (value.Length == 0)
        {
            Check(raw.sqlite3_bind_text(_statement, index, value));
            return;
        }

        var most = Encoding.UTF8.GetMaxByteCount(value.Length);
        byte[]? rented = null;
        Span<byte> buffer = most <= StackTextBytes ? stackalloc byte[StackTextBytes] : (rented = ArrayPool<byte>.Shared.Rent(most));
        try
        {
            var written = Encoding.UTF8.GetBytes(value, buffer);
            Check(raw.sqlite3_bind_text(_statement, index, buffer[..written]));
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>A hash as <see cref="SqliteValues.StoreHash"/> made it: 32 bytes, or (an odd stored value) its text.</summary>
    public void BindHash(int index, object value)
    {
        switch (value)
        {
            case byte[] bytes:
                BindBlob(index, bytes);
                break;
            case string text:
                BindText(index, text);
                break;
            default:
                throw new ArgumentException($"A hash is bytes or text, not {value.GetType().Name}.", nameof(value));
        }
    }

    /// <summary>Runs the statement to its end (it returns no rows), then resets it for the next use.</summary>
    public void Execute()
    {
        var rc = raw.sqlite3_step(_statement);
        // Reset whatever happened, so the statement never holds the transaction open.
        raw.sqlite3_reset(_statement);
        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }
}

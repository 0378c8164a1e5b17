using Companion.EventLog.Tests.Conformance;

namespace Companion.EventLog.Sqlite.Tests;

public sealed class SqliteDataKeyStoreConformanceTests : DataKeyStoreConformanceTests<TemporarySqliteKeyFile>;

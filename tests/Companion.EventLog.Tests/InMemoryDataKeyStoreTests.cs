using Companion.EventLog.Tests.Conformance;

namespace Companion.EventLog.Tests;

public sealed class InMemoryDataKeyStoreTests : DataKeyStoreConformanceTests<InMemoryDataKeyStoreFixture>;

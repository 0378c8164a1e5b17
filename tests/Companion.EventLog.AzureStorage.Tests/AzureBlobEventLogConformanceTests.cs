using Companion.EventLog.Tests.Conformance;

namespace Companion.EventLog.AzureStorage.Tests;

public sealed class AzureBlobEventLogConformanceTests : EventLogConformanceTests<AzureBlobEventLogFixture>;

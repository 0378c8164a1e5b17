using Companion.EventLog.Tests.Conformance;

namespace Companion.EventLog.AzureStorage.Tests;

public sealed class AzureBlobDataKeyStoreConformanceTests : DataKeyStoreConformanceTests<AzureBlobDataKeyStoreFixture>;

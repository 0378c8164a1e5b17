using Companion.Domain.Commands;
using Companion.Domain.Events;

namespace Companion.Silo.Api;

/// <summary>A daily check-in: a 24-hour local time "HH:mm" in an IANA time zone.</summary>
public sealed record CheckInRequest(string? TimeOfDay, string? TimeZone);

/// <summary>The model (and, if known, runtime and its version) a companion should keep speaking with.</summary>
public sealed record RuntimePinRequest(string? ModelId, string? Runtime = null, string? RuntimeVersion = null)
{
    public ModelRuntime ToPin() => string.IsNullOrWhiteSpace(ModelId)
        ? throw DomainException.Invalid("'modelId' is required: the model this companion should keep speaking with, e.g. \"sol-8b-chat\".")
        : new ModelRuntime(ModelId, Runtime, RuntimeVersion);
}

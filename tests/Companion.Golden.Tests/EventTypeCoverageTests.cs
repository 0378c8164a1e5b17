using Companion.Domain.State;
using Companion.EventLog;
using Companion.History;

namespace Companion.Golden.Tests;

/// <summary>Walks the registry: every stored event type has a state transition and survives its own JSON.</summary>
public sealed class EventTypeCoverageTests
{
    private static readonly EventTypeRegistry Registry = EventTypeRegistry.ForUserEvents();

    public static TheoryData<string> EventTypeNames => [.. Registry.EventTypes.Select(t => Registry.NameOf(t).Name).Order()];

    [Fact]
    public void Every_registered_event_type_has_a_sample()
    {
        Assert.Equal(Registry.EventTypes.OrderBy(t => t.Name), SampleEvents.All.Select(e => e.GetType()).OrderBy(t => t.Name));
    }

    [Theory]
    [MemberData(nameof(EventTypeNames))]
    public void Every_registered_event_type_has_an_apply_case(string name)
    {
        var sample = Sample(name);

        var next = UserStateApply.Apply(SampleEvents.Base, sample);

        Assert.Equal(SampleEvents.Base.Version + 1, next.Version);
        Assert.Equal(sample.OccurredAt, next.LastEventAt);
    }

    [Theory]
    [MemberData(nameof(EventTypeNames))]
    public void Every_registered_event_type_round_trips_through_its_stored_json(string name)
    {
        var sample = Sample(name);

        var data = Registry.ToData(sample);
        var read = Registry.Deserialize(data.Type, data.SchemaVersion, data.Payload);

        Assert.Equal(name, data.Type);
        Assert.Equal(sample, read);
        Assert.Equal(data.Payload.ToArray(), Registry.ToData(read).Payload.ToArray());
    }

    private static Domain.Events.UserEvent Sample(string name) =>
        Assert.Single(SampleEvents.All, e => Registry.NameOf(e.GetType()).Name == name);
}

using Companion.Domain.Commands;
using Companion.Domain.Events;

namespace Companion.Grains.Tests;

/// <summary>What operators get from a grain: figures, never words.</summary>
public sealed class UserGrainFiguresTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task Figures_count_what_a_user_has()
    {
        var user = await fixture.NewUserAsync();
        var companion = await user.CreateCompanion("Sol", Persona.Empty, null);
        var session = await user.StartSession(companion.Id, null);
        await user.RecordMessage(companion.Id, session.Id, MessageRole.User, "My sister's name is Juniper.", null, null);
        await user.RecordMessage(companion.Id, session.Id, MessageRole.User, "I miss her.", null, null);
        await user.RecordMemory(companion.Id, new MemoryInput("Juniper is the sister.", "fact", 0.9, false, null));
        var journal = await user.WriteJournal(null, "Thought of Juniper today.", null, null);

        var figures = await user.GetFigures();

        Assert.Equal(new UserFigures(journal.Version, figures.RegisteredAt, figures.LastEventAt, 1, 1, 2, 1, 1), figures);
        Assert.NotNull(figures.RegisteredAt);
        Assert.True(figures.LastEventAt >= figures.RegisteredAt);
    }

    [Fact]
    public void Figures_have_no_field_that_can_hold_words()
    {
        var wordy = typeof(UserFigures).GetProperties()
            .Where(p => !(p.PropertyType.IsPrimitive || Nullable.GetUnderlyingType(p.PropertyType) == typeof(DateTimeOffset) || p.PropertyType == typeof(DateTimeOffset)))
            .Select(p => $"{p.Name} ({p.PropertyType.Name})")
            .ToList();

        Assert.True(wordy.Count == 0, $"UserFigures may hold only numbers and times, but has {string.Join(", ", wordy)}.");
    }

    [Fact]
    public async Task Figures_of_an_unregistered_user_are_refused_as_not_found()
    {
        var nobody = fixture.Grains.GetGrain<IUserGrain>(Ids.New("u"));

        var refused = await Assert.ThrowsAsync<DomainException>(() => nobody.GetFigures());

        Assert.Equal(DomainErrorKind.NotFound, refused.Kind);
    }
}

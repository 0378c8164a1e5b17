using Companion.Domain.State;

namespace Companion.Grains;

/// <summary>
/// The mutable box Orleans' JournaledGrain needs around our immutable state: its log view
/// adaptor applies events to a view object in place, so the box swaps in the next immutable
/// state that <see cref="UserStateApply.Apply"/> returns.
/// </summary>
[GenerateSerializer, Alias("companion.user-state-view")]
public sealed class UserStateView
{
    public UserStateView()
    {
    }

    public UserStateView(UserState current) => Current = current;

    [Id(0)]
    public UserState Current { get; set; } = UserState.Empty;
}

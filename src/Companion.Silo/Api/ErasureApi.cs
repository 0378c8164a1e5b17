using Companion.Grains;
using Companion.Silo.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Companion.Silo.Api;

/// <summary>Erasure: a person asks to be forgotten, and is.</summary>
public static class ErasureApi
{
    public sealed record ErasedResponse(string UserId, bool Erased);

    public static RouteGroupBuilder MapErasureApi(this RouteGroupBuilder user)
    {
        user.MapDelete("/", Erase)
            .AllowOperator()
            .WithName("eraseUser")
            .WithSummary("Erase the user for real (the user's token or the admin's): the user's data key is destroyed (crypto-shredding: every copy of the ciphertext, backups included, becomes unreadable), then every event and snapshot is removed from storage; afterwards every endpoint answers 404 or 410. A previously exported archive is the only copy left.");
        return user;
    }

    private static async Task<Ok<ErasedResponse>> Erase(string userId, IGrainFactory grains)
    {
        await CompanionsApi.User(grains, userId).Erase();
        return TypedResults.Ok(new ErasedResponse(userId, true));
    }
}

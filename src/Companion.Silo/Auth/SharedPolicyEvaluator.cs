using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Companion.Silo.Auth;

/// <summary>
/// ASP.NET Core registers its policy evaluator, and the authorization service, handler provider and
/// handlers beneath it, as transient: the authorization middleware builds them all anew for every
/// request to an endpoint with a policy (every <c>/v1</c> request). None of them holds request
/// state, so one evaluator, built once, serves every request; it keeps the framework's own
/// implementations and handlers, so policies and their answers are unchanged.
/// </summary>
public static class SharedPolicyEvaluator
{
    public static IServiceCollection AddSharedPolicyEvaluator(this IServiceCollection services)
    {
        var registered = services.LastOrDefault(service => service.ServiceType == typeof(IPolicyEvaluator))
            ?? throw new InvalidOperationException("Add authorization before sharing its policy evaluator.");
        var implementation = registered.ImplementationType
            ?? throw new InvalidOperationException("The policy evaluator is not registered by its type.");
        services.Replace(ServiceDescriptor.Singleton(typeof(IPolicyEvaluator), implementation));
        return services;
    }
}

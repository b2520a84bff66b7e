using Verification.Core.Numerics;
using Xunit.Sdk;

namespace Verification.Tests.Support;

public static class Assertions
{
    /// <summary>Asserts closeness through the shared <see cref="Tolerance"/>; the message says expected, actual, tolerance.</summary>
    public static void Close(double expected, double actual, Tolerance tolerance, string what = "")
    {
        if (!tolerance.Accepts(expected, actual))
            throw new XunitException($"{what}: {tolerance.Describe(expected, actual)}".TrimStart(':', ' '));
    }
}

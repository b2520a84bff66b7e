using Verification.Core.Numerics;
using Verification.Tests.Support;
using Verification.Transformers.LocalToGlobal;

namespace Verification.Tests.LocalToGlobal;

public class CanonicalModelTests
{
    /// <summary>Reference table of spec local-to-global §2 (6 decimals, derived and checked in float64 by its author).</summary>
    [Theory]
    [InlineData(0.2, 0.3, 0.544587, 0.673012, 2.233592, -0.12)]
    [InlineData(0.1, 0.1, 0.325083, 0.693147, 4.394449, -0.20)]
    [InlineData(0.5, 0.8, 0.619015, 0.666278, -1.386294, 0.071006)]
    [InlineData(0.9, 0.9, 0.325083, 0.693147, -4.394449, 0.20)]
    public void MatchesTheSpecReferenceTable(double p, double q, double hStar, double hPi, double cStar, double kappa)
    {
        var m = new CanonicalModel(p, q);
        var sixDecimals = Tolerance.Abs(5e-7);
        Assertions.Close(hStar, m.EntropyRate, sixDecimals, "H*");
        Assertions.Close(hPi, m.UnigramEntropy, sixDecimals, "H(π)");
        Assertions.Close(cStar, m.CStar, sixDecimals, "c*");
        Assertions.Close(kappa, m.Kappa, sixDecimals, "κ");
        Assertions.Close(m.EntropyRate, m.Phi(m.CStar), Tolerance.Abs(1e-12), "φ(c*) = H*");
        Assertions.Close(m.UnigramEntropy, m.Phi(0), Tolerance.Abs(1e-12), "φ(0) = H(π)");
        Assertions.Close(m.Kappa, m.PhiPrime(0), Tolerance.Abs(1e-14), "φ′(0) = κ");
        Assertions.Close(0, m.PhiPrime(m.CStar), Tolerance.Abs(1e-14), "φ′(c*) = 0");
        Assert.Equal(p + q < 1, m.CStar > 0);
    }

    [Theory]
    [InlineData(0.0, 0.5, "p")]
    [InlineData(1.0, 0.5, "p")]
    [InlineData(0.5, double.NaN, "q")]
    [InlineData(double.PositiveInfinity, 0.5, "p")]
    [InlineData(0.5, -0.1, "q")]
    public void ProbabilitiesOutsideTheOpenIntervalAreRejected(double p, double q, string name)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new CanonicalModel(p, q));
        Assert.Equal(name, e.ParamName);
        Assert.Contains("(0, 1)", e.Message);
    }

    [Theory]
    [InlineData(0.3, 0.7)]
    [InlineData(0.5, 0.5)]
    [InlineData(0.25, 0.75)]
    public void TheDegenerateIidChainIsRejectedSayingSo(double p, double q)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new CanonicalModel(p, q));
        Assert.Contains("i.i.d.", e.Message);
        Assert.Contains("p + q ≠ 1", e.Message);
    }

    [Theory]
    [InlineData(0.2, 0.3, 0.7, 0.3, -0.4)]
    [InlineData(0.5, 0.8, 1.2, -1.0, 0.3)]
    [InlineData(0.05, 0.7, -0.9, 1.4, 1.1)]
    [InlineData(0.9, 0.6, 0.4, -0.2, -2.0)]
    public void ClosedFormGradientMatchesCentralDifferences(double p, double q, double e, double w, double b)
    {
        var m = new CanonicalModel(p, q);
        var (de, dw, db) = m.Gradient(e, w, b);
        const double h = 1e-6;
        var tol = Tolerance.Abs(1e-8);
        Assertions.Close((m.Loss(e + h, w, b) - m.Loss(e - h, w, b)) / (2 * h), de, tol, "∂L/∂e");
        Assertions.Close((m.Loss(e, w + h, b) - m.Loss(e, w - h, b)) / (2 * h), dw, tol, "∂L/∂w");
        Assertions.Close((m.Loss(e, w, b + h) - m.Loss(e, w, b - h)) / (2 * h), db, tol, "∂L/∂b");
        var (re, rw) = m.ReducedGradient(e, w);
        Assertions.Close((m.ReducedLoss(e + h, w) - m.ReducedLoss(e - h, w)) / (2 * h), re, tol, "∂L̃/∂e");
        Assertions.Close((m.ReducedLoss(e, w + h) - m.ReducedLoss(e, w - h)) / (2 * h), rw, tol, "∂L̃/∂w");
    }

    [Theory]
    [InlineData(0.2, 0.3)]
    [InlineData(0.7, 0.1)]
    [InlineData(0.5, 0.8)]
    public void PhiDerivativesMatchDifferencesAndPhiIsConvex(double p, double q)
    {
        var m = new CanonicalModel(p, q);
        const double h = 1e-5;
        foreach (var c in new[] { -6.0, -1.0, 0.0, 0.7, 3.0, 9.0 })
        {
            Assertions.Close((m.Phi(c + h) - m.Phi(c - h)) / (2 * h), m.PhiPrime(c), Tolerance.Abs(1e-9), $"φ′({c})");
            Assertions.Close((m.PhiPrime(c + h) - m.PhiPrime(c - h)) / (2 * h), m.PhiSecond(c), Tolerance.Abs(1e-9), $"φ″({c})");
            Assert.True(m.PhiSecond(c) > 0, $"φ″({c}) > 0");
        }
    }

    /// <summary>b* in log space: huge gaps of both signs (eᶜ and e^−c overflow) give a finite, stationary bias.</summary>
    [Theory]
    [InlineData(0.2, 0.3, 30.0, 3.0)]
    [InlineData(0.2, 0.3, 30.0, -3.0)]
    [InlineData(0.8, 0.3, 100.0, 2.0)]
    [InlineData(0.8, 0.3, 100.0, -2.0)]
    [InlineData(0.4, 0.4, 50.0, -5.0)]
    public void OptimalBiasIsFiniteAndStationaryForHugeGaps(double p, double q, double e, double w)
    {
        var m = new CanonicalModel(p, q);
        Assert.True(Math.Abs(m.Gap(e, w)) > 1000, "the gap is beyond exp's range");
        double b = m.OptimalBias(e, w);
        Assert.True(double.IsFinite(b), $"b* = {b}");
        // b* ≈ |c| here: rebuilding f1 = b − e²/2 + c from it costs a few ulps of |c| (≈ 1e-11), hence 1e-10.
        Assertions.Close(0, m.Gradient(e, w, b).Db, Tolerance.Abs(1e-10), "∂L/∂b(b*)");
        Assert.True(double.IsFinite(m.ReducedLoss(e, w)));
    }

    [Fact]
    public void OptimalBiasAgreesWithTheRootFormulaWhereItDoesNotOverflow()
    {
        foreach (var (p, q) in new[] { (0.2, 0.3), (0.8, 0.3), (0.5, 0.8) })
        {
            var m = new CanonicalModel(p, q);
            foreach (var c in new[] { -5.0, -0.5, 0.0, 1.3, 6.0 })
            {
                double C = Math.Exp(c);
                double direct = Math.Log((p - q + Math.Sqrt((p - q) * (p - q) + 4 * p * q * C)) / (2 * q * C));
                Assertions.Close(direct, m.OptimalF0(c), Tolerance.Rel(1e-12, 1e-13), $"f0*({c}) for ({p},{q})");
            }
        }
    }

    /// <summary>Spec §3: λ = 0.9977 at (1.2203, 0.5) for (0.2, 0.3); λ = 1.5954 at (1.1774, −1) for (0.5, 0.8).</summary>
    [Theory]
    [InlineData(0.2, 0.3, 1.2203, 0.5, 0.9977)]
    [InlineData(0.5, 0.8, 1.1774, -1.0, 1.5954)]
    public void HessianOnTheGlobalMinimaMatchesTheSpecExamples(double p, double q, double e, double w, double lambda)
    {
        var m = new CanonicalModel(p, q);
        var closed = m.ReducedHessian(e, w);
        var fd = Curvature.FiniteDifferenceHessian(m, e, w);
        Assert.True(Curvature.MaxAbsDifference(closed, fd) < 1e-6, "closed-form vs finite-difference Hessian");
        var (lo, hi) = Curvature.Eigenvalues(closed);
        Assertions.Close(lambda, hi, Tolerance.Abs(6e-4), "λmax (spec value, 4 digits, at a 4-digit point)");
        Assert.True(Math.Abs(lo) < 1e-3, $"λmin = {lo}");
    }

    [Fact]
    public void EnergyHasTheSaddleValueAndIsUndefinedOnTheInvariantLineWEqualsZero()
    {
        Assertions.Close(-0.846574, CanonicalModel.Energy(0, CanonicalModel.SaddleW), Tolerance.Abs(1e-6), "E_s");
        Assertions.Close(CanonicalModel.SaddleEnergy, CanonicalModel.Energy(0, CanonicalModel.SaddleW), Tolerance.Abs(1e-15));
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => CanonicalModel.Energy(1, 0));
        Assert.Equal("w", ex.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => CanonicalModel.Energy(double.NaN, 1));
    }

    [Fact]
    public void FlippedGapSignChangesOnlyTheSignOfWAbsW()
    {
        var m = new CanonicalModel(0.2, 0.3);
        var f = m.WithFlippedGapSign();
        Assert.Equal(-1, f.GapSign);
        Assertions.Close(m.Gap(1.3, 0.4), f.Gap(1.3, -0.4), Tolerance.Rel(1e-15));
        Assertions.Close(m.ReducedLoss(0.8, -1.1), f.ReducedLoss(0.8, 1.1), Tolerance.Rel(1e-15));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CanonicalModel(0.2, 0.3, 0));
    }
}

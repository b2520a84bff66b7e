using Verification.Core.Numerics;
using Verification.Tests.Support;
using Verification.Transformers.LocalToGlobal;

namespace Verification.Tests.LocalToGlobal;

/// <summary>
/// Checks of the canonical Local-to-Global model (CanonicalModel, GradientFlows, Curvature, Basins) written from the
/// survivors of a Stryker run (docs/MUTATION.md): closed forms against central differences away from the critical
/// sets and for the flipped-sign control, the p = q root, the stable logistic pieces at extreme logits, the flows'
/// vector fields as negative gradients, the basin predicate and the loss labels at their boundaries.
/// </summary>
public class CanonicalModelMutationTests
{
    private const double H = 1e-6;

    [Fact]
    public void StationaryLawAndLogitsByHand()
    {
        var m = new CanonicalModel(0.2, 0.3);
        Assertions.Close(0.6, m.Pi0, Tolerance.Abs(1e-15), "π0 = q/(p+q)");
        Assertions.Close(0.4, m.Pi1, Tolerance.Abs(1e-15), "π1 = p/(p+q)");
        Assertions.Close(0.5, m.SwitchingFactor, Tolerance.Abs(1e-15), "p + q");
        // e = 1, w = 1/2, b = 0: c = 1·(1 + 2·¼) = 3/2, f0 = −1/2, f1 = 1; the control: c = 1·(1 − ½) = 1/2.
        Assert.Equal(1.5, m.Gap(1, 0.5));
        Assert.Equal((-0.5, 1.0), m.Logits(1, 0.5, 0));
        Assert.Equal(0.5, m.WithFlippedGapSign().Gap(1, 0.5));
        Assert.Equal(3, m.WithFlippedGapSign().Gap(1, -1));
    }

    [Fact]
    public void LossAtLogitsIsStableAndExactAtZeroAndAtHugeLogits()
    {
        var m = new CanonicalModel(0.2, 0.3);
        Assertions.Close(Math.Log(2), m.LossAtLogits(0, 0), Tolerance.Rel(1e-15), "f = 0: ln 2");
        // f0 = −1000, f1 = 1000: ℓ(1−q, 1000) = 1000q, ℓ(p, −1000) = 1000p: π1·300 + π0·200 = 120 + 120.
        Assertions.Close(240, m.LossAtLogits(-1000, 1000), Tolerance.Rel(1e-14), "huge logits");
        Assertions.Close(0.5 * 800 + 0.5 * 800, new CanonicalModel(0.2, 0.2).LossAtLogits(1000, -1000),
            Tolerance.Rel(1e-14), "huge logits, the other way round");
        Assert.Equal(0.5, CanonicalModel.Sigmoid(0));
        Assert.Equal(0, CanonicalModel.Sigmoid(-800));
        Assert.Equal(1, CanonicalModel.Sigmoid(800));
        Assertions.Close(1 / (1 + Math.E), CanonicalModel.Sigmoid(-1), Tolerance.Rel(1e-15), "σ(−1)");
        Assertions.Close(1 / (1 + 1 / Math.E), CanonicalModel.Sigmoid(1), Tolerance.Rel(1e-15), "σ(1)");
    }

    /// <summary>For p = q the root equation q·eᶜu² − p = 0 gives u = e^{−c/2}: f0* = −c/2, f1* = c/2.</summary>
    [Theory]
    [InlineData(0.3)]
    [InlineData(0.8)]
    public void OptimalF0ForASymmetricChainIsMinusHalfTheGap(double p)
    {
        var m = new CanonicalModel(p, p);
        foreach (var c in new[] { -40.0, -2.0, 0.0, 1.5, 40.0 })
            Assertions.Close(-c / 2, m.OptimalF0(c), Tolerance.Abs(1e-13), $"f0*({c})");
        Assert.Throws<ArgumentOutOfRangeException>(() => m.OptimalF0(double.NaN));
    }

    [Theory]
    [InlineData(0.2, 0.3, 1, 0.7, 0.3)]
    [InlineData(0.2, 0.3, 1, 0.9, -0.4)]
    [InlineData(0.5, 0.8, 1, 1.1, -1.3)]
    [InlineData(0.2, 0.3, -1, 0.6, 0.8)]
    [InlineData(0.5, 0.8, -1, 0.8, -0.5)]
    public void ClosedFormHessianMatchesDifferencesAwayFromTheCriticalSets(double p, double q, int sign, double e, double w)
    {
        var m = new CanonicalModel(p, q, sign);
        Assert.True(Math.Abs(m.PhiPrime(m.Gap(e, w))) > 1e-3, "a non-critical point: the φ′·∇²c term matters");
        var closed = m.ReducedHessian(e, w);
        var fd = Curvature.FiniteDifferenceHessian(m, e, w);
        Assert.True(Curvature.MaxAbsDifference(closed, fd) < 1e-6, $"max |closed − fd| = {Curvature.MaxAbsDifference(closed, fd)}");
        Assert.True(Math.Abs(closed[0, 1]) > 1e-3, "the off-diagonal entry is exercised");
    }

    [Theory]
    [InlineData(0.2, 0.3, 0.7, 0.3, -0.4)]
    [InlineData(0.5, 0.8, 1.2, -1.0, 0.3)]
    public void TheFlippedControlsGradientIsItsOwnLossGradient(double p, double q, double e, double w, double b)
    {
        var m = new CanonicalModel(p, q, -1);
        var tol = Tolerance.Abs(1e-8);
        var (de, dw, db) = m.Gradient(e, w, b);
        Assertions.Close((m.Loss(e + H, w, b) - m.Loss(e - H, w, b)) / (2 * H), de, tol, "∂L/∂e");
        Assertions.Close((m.Loss(e, w + H, b) - m.Loss(e, w - H, b)) / (2 * H), dw, tol, "∂L/∂w");
        Assertions.Close((m.Loss(e, w, b + H) - m.Loss(e, w, b - H)) / (2 * H), db, tol, "∂L/∂b");
        var (re, rw) = m.ReducedGradient(e, w);
        Assertions.Close((m.ReducedLoss(e + H, w) - m.ReducedLoss(e - H, w)) / (2 * H), re, tol, "∂L̃/∂e");
        Assertions.Close((m.ReducedLoss(e, w + H) - m.ReducedLoss(e, w - H)) / (2 * H), rw, tol, "∂L̃/∂w");
    }

    [Fact]
    public void FlowsAreNegativeGradientsOfTheLossTheyReport()
    {
        var m = new CanonicalModel(0.2, 0.3);
        var tol = Tolerance.Abs(1e-8);
        double[] x2 = [0.9, -0.4], x3 = [0.9, -0.4, 0.2], u = [0.8, 1.1, -0.6];
        var reduced = new ReducedFlow(m);
        var full = new FullFlow(m);
        var untied = new UntiedReducedFlow(m);
        Assert.Equal(2, reduced.Dimension);
        Assert.Equal(3, full.Dimension);
        Assert.Equal(3, untied.Dimension);
        CheckNegativeGradient(reduced, x2, tol);
        CheckNegativeGradient(full, x3, tol);
        CheckNegativeGradient(untied, u, tol);
        Assertions.Close(m.ReducedLoss(0.9, -0.4), reduced.Loss(x2), Tolerance.Abs(0), "reduced loss");
        Assertions.Close(m.Loss(0.9, -0.4, 0.2), full.Loss(x3), Tolerance.Abs(0), "full loss");
        // untied gap e·o·(1 + 2w|w|) = 0.8·1.1·(1 − 0.72)
        Assertions.Close(0.8 * 1.1 * (1 - 2 * 0.36), UntiedReducedFlow.Gap(u), Tolerance.Rel(1e-15), "untied gap");
    }

    [Fact]
    public void TheWrongAbsDerivativeFlipsTheWVelocityOnlyForNegativeW()
    {
        var m = new CanonicalModel(0.2, 0.3);
        var faithful = new ReducedFlow(m);
        var wrong = new ReducedFlow(m, ReducedFlowVariant.WrongAbsDerivative);
        Assert.Equal(ReducedFlowVariant.WrongAbsDerivative, wrong.Variant);
        Span<double> a = stackalloc double[2], b = stackalloc double[2];
        faithful.Evaluate([0.9, -0.4], a);
        wrong.Evaluate([0.9, -0.4], b);
        Assert.Equal(a[0], b[0]);
        Assert.Equal(-a[1], b[1]);
        Assert.NotEqual(0, a[1]);
        faithful.Evaluate([0.9, 0.4], a);
        wrong.Evaluate([0.9, 0.4], b);
        Assert.Equal(a[1], b[1]);
    }

    private static void CheckNegativeGradient(CanonicalFlow flow, double[] x, Tolerance tol)
    {
        var dx = new double[flow.Dimension];
        flow.Evaluate(x, dx);
        for (int i = 0; i < x.Length; i++)
        {
            var plus = (double[])x.Clone();
            var minus = (double[])x.Clone();
            plus[i] += H;
            minus[i] -= H;
            Assertions.Close(-(flow.Loss(plus) - flow.Loss(minus)) / (2 * H), dx[i], tol, $"{flow.GetType().Name} component {i}");
        }
    }

    /// <summary>σ(f) &gt; 0 for every finite f: the e^f/(1 + e^f) branch keeps it above 0 down to the subnormals.</summary>
    [Fact]
    public void SigmoidStaysPositiveFarIntoTheNegativeLogits()
    {
        Assert.True(CanonicalModel.Sigmoid(-720) > 0, "σ(−720) ≈ 1e−313 is a subnormal, not 0");
        Assertions.Close(Math.Exp(-720), CanonicalModel.Sigmoid(-720), Tolerance.Rel(1e-6), "σ(−720) ≈ e^−720");
    }

    [Fact]
    public void ErrorsNameTheValidRange()
    {
        var m = new CanonicalModel(0.2, 0.3);
        Assert.Contains("+1 (faithful) or −1 (control)", Assert.Throws<ArgumentOutOfRangeException>(() => new CanonicalModel(0.2, 0.3, 0)).Message);
        Assert.Contains("must be a number", Assert.Throws<ArgumentOutOfRangeException>(() => m.OptimalF0(double.NaN)).Message);
        Assert.Contains("w ≠ 0", Assert.Throws<ArgumentOutOfRangeException>(() => CanonicalModel.Energy(1, 0)).Message);
        Assert.Contains("w < 0", Assert.Throws<ArgumentOutOfRangeException>(() => Basins.SeparatrixE(0.5)).Message);
        Assert.Contains("must be finite", Assert.Throws<ArgumentOutOfRangeException>(() => Basins.Predict(0.5, double.NaN, 1)).Message);
        Assert.Contains("(0, 2) and differ from 1", Assert.Throws<ArgumentOutOfRangeException>(() => Basins.Predict(1, 1, 1)).Message);
        Assert.Contains("must be finite", Assert.Throws<ArgumentOutOfRangeException>(() => Curvature.FiniteDifferenceHessian(m, double.NaN, 1)).Message);
        Assert.Contains("must be positive", Assert.Throws<ArgumentOutOfRangeException>(() => Curvature.FiniteDifferenceHessian(m, 1, 1, 0)).Message);
        Assert.Contains("2×2", Assert.Throws<ArgumentException>(() => Curvature.Eigenvalues(new double[3, 3])).Message);
    }

    [Fact]
    public void TheControlSaysSoInItsName()
    {
        Assert.Contains("flipped sign of w|w|", new CanonicalModel(0.2, 0.3, -1).ToString());
        Assert.DoesNotContain("flipped", new CanonicalModel(0.2, 0.3).ToString());
        Assert.StartsWith("CanonicalModel(p=", new CanonicalModel(0.2, 0.3).ToString());
    }

    [Fact]
    public void EnergyByHand()
    {
        Assertions.Close(0, CanonicalModel.Energy(1, 1), Tolerance.Abs(1e-15), "E(1, 1)");
        Assertions.Close(0, CanonicalModel.Energy(1, -1), Tolerance.Abs(1e-15), "E(1, −1)");
        Assertions.Close(3.75 + Math.Log(2), CanonicalModel.Energy(2, 0.5), Tolerance.Rel(1e-15), "E(2, ½)");
        Assertions.Close(3.75 - Math.Log(2), CanonicalModel.Energy(-2, -0.5), Tolerance.Rel(1e-15), "E(−2, −½)");
        Assert.Throws<ArgumentOutOfRangeException>(() => CanonicalModel.Energy(double.PositiveInfinity, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => CanonicalModel.Energy(1, double.NegativeInfinity));
    }

    [Fact]
    public void ConstructorBoundaries()
    {
        _ = new CanonicalModel(0.5, 0.5 + 1e-8);   // just outside the degenerate margin
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new CanonicalModel(0.5, 0.5 + 1e-10));
        Assert.Equal("q", e.ParamName);
        Assert.Equal("gapSign", Assert.Throws<ArgumentOutOfRangeException>(() => new CanonicalModel(0.2, 0.3, 2)).ParamName);
        Assert.Equal(-1, new CanonicalModel(0.2, 0.3, -1).GapSign);
        Assert.Equal(1, new CanonicalModel(0.2, 0.3, -1).WithFlippedGapSign().GapSign);
    }

    [Fact]
    public void GlobalMinimaSeparatrixAndInsideByHand()
    {
        var below = new CanonicalModel(0.2, 0.3);
        Assertions.Close(Math.Sqrt(below.CStar), Basins.GlobalMinimumE(below, 0), Tolerance.Rel(1e-15), "Γ* at w = 0");
        Assertions.Close(Math.Sqrt(below.CStar / 1.5), Basins.GlobalMinimumE(below, 0.5), Tolerance.Rel(1e-15), "Γ* at w = ½");
        Assertions.Close(Math.Sqrt(2 * below.CStar), Basins.GlobalMinimumE(below.WithFlippedGapSign(), 0.5), Tolerance.Rel(1e-15), "control");
        // e² = w² − ln|w| − (1 + ln 2)/2
        Assertions.Close(Math.Sqrt(1 - (1 + Math.Log(2)) / 2), Basins.SeparatrixE(-1), Tolerance.Rel(1e-14), "w = −1");
        Assertions.Close(Math.Sqrt(0.25 + Math.Log(2) - (1 + Math.Log(2)) / 2), Basins.SeparatrixE(-0.5), Tolerance.Rel(1e-14), "w = −½");
        Assert.Throws<ArgumentOutOfRangeException>(() => Basins.SeparatrixE(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Basins.SeparatrixE(double.NaN));
        Assert.True(Basins.IsInside(0.1, -2));
        Assert.False(Basins.IsInside(3, -2));
        Assert.False(Basins.IsInside(0.1, 2), "E(0.1, 2) < E_s, but w > 0 is never inside");
        Assert.False(Basins.IsInside(1, 0), "w = 0 is not inside (and E is undefined there)");
        Assert.True(Basins.NearSeparatrix(0, CanonicalModel.SaddleW, 1e-9));
        Assert.False(Basins.NearSeparatrix(1, CanonicalModel.SaddleW, 0.5));
        Assert.True(Basins.NearSeparatrix(1, CanonicalModel.SaddleW, 1.5));
        Assert.False(Basins.NearSeparatrix(1, 0, 100), "w = 0: never near");
    }

    [Theory]
    [InlineData(0.5, 0.0, 1.0, Basin.Unigram)]    // e = 0 is the invariant unigram line, even where w > 0 would be global
    [InlineData(1.3, 0.0, -2.0, Basin.Unigram)]
    [InlineData(1.3, 1.0, 0.0, Basin.Unigram)]    // p + q > 1: w = 0 counts with w ≥ 0
    [InlineData(0.5, 1.0, 0.0, Basin.Global)]
    [InlineData(0.5, 1e-5, -0.7072, Basin.Unigram)] // inside, just below the saddle's w = −0.70711
    [InlineData(0.5, 1e-5, -0.7070, Basin.Global)]  // inside, just above it
    [InlineData(1.3, 1e-5, -0.7070, Basin.Unigram)]
    [InlineData(1.3, 1e-5, -0.7072, Basin.Global)]
    public void PredicateAtTheBoundariesOfItsRegions(double switching, double e, double w, Basin expected) =>
        Assert.Equal(expected, Basins.Predict(switching, e, w));

    [Theory]
    [InlineData(-0.5)]
    [InlineData(1 + 1e-10)]
    [InlineData(double.PositiveInfinity)]
    public void PredicateRejectsSwitchingFactorsOutsideItsRange(double switching) =>
        Assert.Equal("switchingFactor", Assert.Throws<ArgumentOutOfRangeException>(() => Basins.Predict(switching, 1, 1)).ParamName);

    [Fact]
    public void PredicateAcceptsSwitchingFactorsJustOffOneAndRejectsNonFiniteW()
    {
        Assert.Equal(Basin.Global, Basins.Predict(1 - 1e-8, 1, 1));
        Assert.Equal(Basin.Unigram, Basins.Predict(1 + 1e-8, 1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Basins.Predict(0.5, 1, double.PositiveInfinity));
    }

    /// <summary>Γ* within 1% of the gap H(π) − H* above H*, the unigram line within 1% of H(π), else neither.</summary>
    [Theory]
    [InlineData(0.0, FlowEnd.Global)]
    [InlineData(0.0099, FlowEnd.Global)]
    [InlineData(-0.5, FlowEnd.Global)]
    [InlineData(0.0101, FlowEnd.Neither)]
    [InlineData(0.5, FlowEnd.Neither)]
    [InlineData(0.9899, FlowEnd.Neither)]
    [InlineData(0.9901, FlowEnd.Unigram)]
    [InlineData(1.0, FlowEnd.Unigram)]
    [InlineData(1.0099, FlowEnd.Unigram)]
    [InlineData(1.0101, FlowEnd.Neither)]
    public void LabelsAtTheirOnePercentBoundaries(double fractionOfGap, FlowEnd expected)
    {
        var m = new CanonicalModel(0.2, 0.3);
        double loss = m.EntropyRate + fractionOfGap * (m.UnigramEntropy - m.EntropyRate);
        Assert.Equal(expected, Basins.Label(m, loss));
    }

    [Fact]
    public void BasinsMapToTheirFlowEnds()
    {
        Assert.Equal(FlowEnd.Global, Basin.Global.ToEnd());
        Assert.Equal(FlowEnd.Unigram, Basin.Unigram.ToEnd());
    }

    [Fact]
    public void EigenvaluesAndDifferencesOfTwoByTwoMatricesByHand()
    {
        Assert.Equal((1.0, 3.0), Curvature.Eigenvalues(new[,] { { 2.0, 1.0 }, { 1.0, 2.0 } }));
        Assert.Equal((1.0, 3.0), Curvature.Eigenvalues(new[,] { { 3.0, 0.0 }, { 0.0, 1.0 } }));
        Assert.Equal((1.0, 3.0), Curvature.Eigenvalues(new[,] { { 2.0, 0.0 }, { 2.0, 2.0 } }));   // symmetrised
        Assert.Throws<ArgumentException>(() => Curvature.Eigenvalues(new double[3, 3]));
        Assert.Throws<ArgumentException>(() => Curvature.Eigenvalues(new double[2, 3]));
        var a = new[,] { { 1.0, 2.0 }, { 3.0, 4.0 } };
        Assert.Equal(0.5, Curvature.MaxAbsDifference(a, new[,] { { 1.0, 2.0 }, { 3.0, 4.5 } }));
        Assert.Equal(1.0, Curvature.MaxAbsDifference(a, new[,] { { 0.0, 2.0 }, { 3.0, 4.5 } }));
        Assert.Equal(2.0, Curvature.MaxAbsDifference(a, new[,] { { 1.0, 4.0 }, { 3.0, 4.0 } }));
        Assert.Equal(0.25, Curvature.MaxAbsDifference(a, new[,] { { 1.0, 2.0 }, { 2.75, 4.0 } }));
    }

    [Fact]
    public void FiniteDifferenceHessianRejectsBadPointsAndSteps()
    {
        var m = new CanonicalModel(0.2, 0.3);
        Assert.Equal("e", Assert.Throws<ArgumentOutOfRangeException>(() => Curvature.FiniteDifferenceHessian(m, double.NaN, 1)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => Curvature.FiniteDifferenceHessian(m, 1, double.PositiveInfinity));
        foreach (var h in new[] { 0.0, -1e-4, double.NaN })
            Assert.Equal("h", Assert.Throws<ArgumentOutOfRangeException>(() => Curvature.FiniteDifferenceHessian(m, 1, 1, h)).ParamName);
    }
}

// Least-squares line y ≈ a + b·x with R², used for the growth-rate claims of arXiv 2006.07990 (spec P2, P6).
namespace Verification.LotteryTickets.SubsetSum;

/// <summary>Ordinary least squares y ≈ Intercept + Slope·x, with the coefficient of determination R².</summary>
public sealed record LinearFit(double Intercept, double Slope, double RSquared)
{
    public static LinearFit Of(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (x.Count != y.Count) throw new ArgumentException($"x has {x.Count} values but y has {y.Count}", nameof(y));
        if (x.Count < 2) throw new ArgumentException("a line needs at least 2 points", nameof(x));
        double mx = x.Average(), my = y.Average(), sxx = 0, sxy = 0, syy = 0;
        for (int i = 0; i < x.Count; i++)
        {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
            syy += (y[i] - my) * (y[i] - my);
        }
        if (sxx == 0) throw new ArgumentException("all x values are equal", nameof(x));
        double b = sxy / sxx;
        double r2 = syy == 0 ? 1 : sxy * sxy / (sxx * syy);
        return new LinearFit(my - b * mx, b, r2);
    }

    public double At(double x) => Intercept + Slope * x;
}

using TorchSharp;
using Verification.Core.Numerics;
using Verification.Core.Runtime;
using Verification.Tests.Support;
using static TorchSharp.torch;

namespace Verification.Tests.Runtime;

/// <summary>TorchSharp really loads here (see TorchRuntime) and its autograd is right.</summary>
public class TorchSharpTests
{
    public TorchSharpTests() => TorchRuntime.Initialize();

    [Fact]
    public void ForwardAndBackwardOfAnMlpMatchFiniteDifferences()
    {
        using var scope = NewDisposeScope();
        var gen = new Generator(1234);
        var w1 = randn([8, 4], dtype: float64, generator: gen).requires_grad_();   // (hidden, in)
        var w2 = randn([1, 8], dtype: float64, generator: gen).requires_grad_();   // (out, hidden)
        var x = randn([16, 4], dtype: float64, generator: gen);                    // (B, in)
        var y = randn([16, 1], dtype: float64, generator: gen);                    // (B, out)

        Tensor Loss() => nn.functional.mse_loss(nn.functional.relu(x.matmul(w1.t())).matmul(w2.t()), y);

        var loss = Loss();
        loss.backward();
        double analytic = w1.grad!.data<double>()[5];

        const double h = 1e-6;
        double FiniteLoss(double delta)
        {
            using var _ = no_grad();
            w1.view(-1)[5] += delta;
            double v = Loss().item<double>();
            w1.view(-1)[5] -= delta;
            return v;
        }
        double numeric = (FiniteLoss(h) - FiniteLoss(-h)) / (2 * h);

        Assert.True(double.IsFinite(loss.item<double>()));
        Assertions.Close(numeric, analytic, Tolerance.Rel(1e-6, 1e-9), "∂loss/∂w1[1,1]");
    }

    [Fact]
    public void AdamLowersTheLossOfASmallRegression()
    {
        using var scope = NewDisposeScope();
        var gen = new Generator(7);
        var model = nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 1));
        foreach (var p in model.parameters())
            using (no_grad()) p.copy_(randn(p.shape, generator: gen) * 0.3);
        var x = randn([64, 4], generator: gen);
        var y = x.sum(1, keepdim: true);
        var opt = optim.Adam(model.parameters(), lr: 0.01);
        float first = 0, last = 0;
        for (int step = 0; step < 200; step++)
        {
            opt.zero_grad();
            var loss = nn.functional.mse_loss(model.call(x), y);
            loss.backward();
            opt.step();
            if (step == 0) first = loss.item<float>();
            last = loss.item<float>();
        }
        Assert.True(last < 0.1 * first, $"loss {first} → {last}");
    }
}

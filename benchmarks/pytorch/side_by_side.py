#!/usr/bin/python3
"""PyTorch halves of the side-by-side benchmark (issue #18 item 5; docs/PERFORMANCE.md, "PyTorch side by side").

The same three units as benchmarks/Verification.Benchmarks/PyTorchSideBySideBenchmarks.cs, written op for op as our
TorchSharp code does them, on the CPU with one intra-op thread:

- am_training_step: Attention with Markov (arXiv 2402.04161) §4, the code model of
  src/Verification.Transformers/Models/CodeTransformer.cs + CodeBlock.cs (d = 8, 1 layer, T = 256, B = 16, tied),
  forward, cross-entropy, loss.item(), the OneCycle learning rate of TrainingConfig, zero_grad, backward, and the two
  AdamW instances of PaperOptimizer.cs. The batch is sampled once, outside the timed unit (as on our side).
- gem_miner_epoch: Rare Gems (arXiv 2202.12002) §3 Algorithm 1, GemMiner.Mine with one epoch and freezing off
  (GemMiner.cs, MaskedMlp.cs, Minibatches.cs): 784-300-100-10 masked MLP, non-affine BatchNorm, straight-through mask,
  Adam 1e-2 on the scores, batch 128 of a seeded permutation, clamp before every minibatch and at the end,
  loss CE + λΣp², the density summary. 7,000 random N(0, 1) inputs of MNIST shape, random labels (as our side).
- am_forward_loss, am_optimizer_steps: parts of am_training_step (forward + cross-entropy + item; the two AdamW
  steps alone on fixed gradients), to show where the time goes.
- tiny_add: a + b of two 8-element float tensors, the result dropped: the fixed cost of one op.

Timing follows BenchmarkDotNet's scheme so that the numbers compare: a pilot picks the invocations per iteration so
that an iteration lasts ≥ 0.5 s (at least 1), then warm-up iterations, then measured iterations; the mean is of the
per-invocation time over the measured iterations and the sd is across iterations (BenchmarkDotNet's StdDev).

Debian 12: apt-get install -y python3-torch (PyTorch 1.13.1, reference BLAS); run with /usr/bin/python3.
"""
import argparse
import ctypes.util
import json
import math
import os
import platform
import statistics
import sys
import time

import torch
import torch.nn.functional as F
from torch import nn


# ---------------------------------------------------------------- AM: the code model (CodeTransformer.cs, CodeBlock.cs)

class CodeBlock(nn.Module):
    """x ← x + c_proj(attn(ln_1(x))); x ← x + mlp(ln_2(x)); one causal head, no biases, GELU."""

    def __init__(self, d, layers, length):
        super().__init__()
        self.d = d
        self.ln_1 = nn.Parameter(torch.ones(d))
        self.ln_2 = nn.Parameter(torch.ones(d))
        self.c_attn = nn.Linear(d, 3 * d, bias=False)
        self.attn_proj = nn.Linear(d, d, bias=False)
        self.c_fc = nn.Linear(d, 4 * d, bias=False)
        self.mlp_proj = nn.Linear(4 * d, d, bias=False)
        with torch.no_grad():
            self.c_attn.weight.normal_(0, 0.02)
            self.c_fc.weight.normal_(0, 0.02)
            self.attn_proj.weight.normal_(0, 0.02 / math.sqrt(2 * layers))
            self.mlp_proj.weight.normal_(0, 0.02 / math.sqrt(2 * layers))
        # PyTorch 1.13 has no scaled_dot_product_attention (our TorchSharp side calls it with is_causal): this is
        # nanoGPT's explicit path, the same maths.
        self.register_buffer("causal", torch.tril(torch.ones(length, length, dtype=torch.bool)))

    def forward(self, x):                                                       # (B, T, d)
        t = x.shape[1]
        h = F.layer_norm(x, (self.d,), self.ln_1, None, 1e-5)                   # (B, T, d)
        q, k, v = self.c_attn(h).split(self.d, 2)                               # 3 × (B, T, d)
        att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(self.d))             # (B, T, T)
        att = att.masked_fill(~self.causal[:t, :t], float("-inf")).softmax(-1)  # (B, T, T)
        x = x + self.attn_proj(att @ v)                                         # (B, T, d)
        m = F.layer_norm(x, (self.d,), self.ln_2, None, 1e-5)                   # (B, T, d)
        return x + self.mlp_proj(F.gelu(self.c_fc(m)))                          # (B, T, d)


class CodeTransformer(nn.Module):
    """wte (2, d) + wpe (T, d) → blocks → ln_f → tied head (wte) + bias: (B, T) → (B, T, 2)."""

    def __init__(self, d, layers, length):
        super().__init__()
        self.d = d
        self.wte = nn.Parameter(torch.normal(0, 0.02, (2, d)))
        self.wpe = nn.Parameter(torch.normal(0, 0.02, (length, d)))
        self.blocks = nn.ModuleList([CodeBlock(d, layers, length) for _ in range(layers)])
        self.ln_f = nn.Parameter(torch.ones(d))
        self.lm_head_bias = nn.Parameter(torch.zeros(2))

    def decayed(self):
        return [w for b in self.blocks for w in (b.c_attn.weight, b.attn_proj.weight, b.c_fc.weight, b.mlp_proj.weight)]

    def undecayed(self):
        return [self.wte, self.wpe, self.ln_f, self.lm_head_bias] + [w for b in self.blocks for w in (b.ln_1, b.ln_2)]

    def forward(self, idx):                                                     # (B, T) int64
        t = idx.shape[1]
        x = self.wte.index_select(0, idx.reshape(-1)).reshape(idx.shape[0], t, self.d) + self.wpe.narrow(0, 0, t)
        for block in self.blocks:
            x = block(x)                                                        # (B, T, d)
        x = F.layer_norm(x, (self.d,), self.ln_f, None, 1e-5)                   # (B, T, d)
        return x.matmul(self.wte.t()) + self.lm_head_bias                       # (B, T, 2)


def one_cycle_lr(step, iterations=400, max_lr=2e-3, warmup=0.02, div=100, final_div=0.05):
    """TrainingConfig.LearningRate: PyTorch OneCycleLR (cos), initial 2e-5, floor 4e-4."""
    initial = max_lr / div
    final = initial / final_div
    warm_end, end = warmup * iterations - 1, iterations - 1

    def cos(a, b, pct):
        return b + (a - b) / 2 * (math.cos(math.pi * pct) + 1)
    if step <= warm_end:
        return cos(initial, max_lr, 1 if warm_end <= 0 else step / warm_end)
    return cos(max_lr, final, (step - warm_end) / (end - warm_end))


def am_training_step_unit():
    torch.manual_seed(1)
    d, layers, length, batch = 8, 1, 256, 16
    model = CodeTransformer(d, layers, length)
    decayed = torch.optim.AdamW(model.decayed(), 2e-3, betas=(0.9, 0.95), weight_decay=1e-3)
    plain = torch.optim.AdamW(model.undecayed(), 2e-3, betas=(0.9, 0.95), weight_decay=0)
    data = torch.randint(0, 2, (batch, length + 1))                            # (B, T+1)
    x, y = data.narrow(1, 0, length), data.narrow(1, 1, length)                 # (B, T), (B, T)
    state = {"step": 0}

    def step():
        logits = model(x)                                                       # (B, T, 2)
        loss = F.cross_entropy(logits.reshape(-1, 2), y.reshape(-1))
        value = loss.item()
        lr = one_cycle_lr(state["step"] % 400)
        state["step"] += 1
        for opt in (decayed, plain):
            for group in opt.param_groups:
                group["lr"] = lr
        decayed.zero_grad()
        plain.zero_grad()
        loss.backward()
        decayed.step()
        plain.step()
        return value
    step()                                                                      # gradients and AdamW state exist
    return step, model, decayed, plain, x, y


def am_forward_loss_unit():
    _, model, _, _, x, y = am_training_step_unit()

    def forward_loss():
        logits = model(x)                                                       # (B, T, 2)
        return F.cross_entropy(logits.reshape(-1, 2), y.reshape(-1)).item()
    return forward_loss


def am_optimizer_steps_unit():
    _, _, decayed, plain, _, _ = am_training_step_unit()

    def steps():
        decayed.step()
        plain.step()
    return steps


# ------------------------------------------------------- RG: GEM-MINER (GemMiner.cs, MaskedMlp.cs, Minibatches.cs)

class NonAffineBatchNorm(nn.Module):
    def __init__(self, features):
        super().__init__()
        self.register_buffer("running_mean", torch.zeros(features))
        self.register_buffer("running_var", torch.ones(features))

    def forward(self, x):                                                       # (B, n)
        mean = x.mean([0])                                                      # (n)
        variance = x.var(0, unbiased=False)                                     # (n)
        with torch.no_grad():
            b = x.shape[0]
            self.running_mean.mul_(1 - 0.1).add_(mean.detach() * 0.1)
            self.running_var.mul_(1 - 0.1).add_(variance.detach() * (0.1 * b / max(1, b - 1)))
        return (x - mean) / (variance + 1e-5).sqrt()                            # (B, n)


class MaskedMlp(nn.Module):
    def __init__(self, widths):
        super().__init__()
        self.widths = widths
        self.layers = len(widths) - 1
        self.W = nn.ParameterList([nn.Parameter(torch.zeros(widths[l + 1], widths[l])) for l in range(self.layers)])
        self.P = nn.ParameterList([nn.Parameter(torch.zeros(widths[l + 1], widths[l])) for l in range(self.layers)])
        self.Q = [torch.ones(widths[l + 1], widths[l]) for l in range(self.layers)]
        self.norms = nn.ModuleList([NonAffineBatchNorm(widths[l + 1]) for l in range(self.layers - 1)])

    def mask(self, l):
        # value 1[p>0.5]·q, gradient wrt p is q (straight-through)
        p = self.P[l]
        return self.Q[l] * (p.gt(0.5).to(p.dtype) + (p - p.detach()))

    def forward(self, x):                                                       # (B, 784)
        h = x
        for l in range(self.layers):
            h = h.matmul((self.W[l] * self.mask(l)).t())                        # (B, widths[l+1])
            if l < self.layers - 1:
                h = F.relu(self.norms[l](h))
        return h                                                                # (B, 10)


def gem_miner_epoch_unit(digits=7000):
    torch.manual_seed(1)
    model = MaskedMlp([784, 300, 100, 10])
    with torch.no_grad():
        for l in range(model.layers):
            w = model.W[l]
            w.copy_(torch.randn(w.shape).sign() * math.sqrt(2.0 / model.widths[l]))
            model.P[l].copy_(torch.rand(w.shape))
    data = torch.Generator().manual_seed(3)
    X = torch.randn(digits, 784, generator=data)                                # (N, 784)
    Y = torch.randint(10, (digits,), generator=data)                            # (N)
    shuffle = torch.Generator().manual_seed(2)
    lam, lr, batch_size = 1e-4, 1e-2, 128

    def clamp():
        with torch.no_grad():
            for p in model.P:
                p.clamp_(0, 1)

    def score_squared_norm():
        total = None
        for p in model.P:
            s = p.pow(2).sum()
            total = s if total is None else total + s
        return total

    def epoch():
        for w in model.W:
            w.requires_grad_(False)
        for p in model.P:
            p.requires_grad_(True)
        optimizer = torch.optim.Adam(model.P, lr)
        model.train()
        for group in optimizer.param_groups:
            group["lr"] = lr * 0.5 * (1 + math.cos(0.0))
        total, batches = 0.0, 0
        order = torch.randperm(digits, generator=shuffle)
        for start in range(0, digits, batch_size):
            end = min(digits, start + batch_size)
            if end - start < 2:
                break
            idx = order[start:end]
            x, y = X.index_select(0, idx), Y.index_select(0, idx)               # (b, 784), (b)
            clamp()
            optimizer.zero_grad()
            loss = F.cross_entropy(model(x), y) + lam * score_squared_norm()
            value = loss.item()
            if not math.isfinite(value):
                raise ArithmeticError(f"GEM-MINER loss is {value}")
            loss.backward()
            optimizer.step()
            total += value
            batches += 1
        clamp()
        # GemMiner.Describe: densities of the gem mask r(p)⊙q and of the flags q.
        gem = [model.P[l].detach().gt(0.5).to(model.P[l].dtype) * model.Q[l] for l in range(model.layers)]
        layer_gem = [m.to(torch.float64).mean().item() for m in gem]
        layer_q = [q.to(torch.float64).mean().item() for q in model.Q]
        for p in model.P:
            p.requires_grad_(False)
        sizes = [model.widths[l] * model.widths[l + 1] for l in range(model.layers)]
        return sum(g * s for g, s in zip(layer_gem, sizes)) / sum(sizes), layer_q, total / batches
    return epoch


def tiny_add_unit():
    a, b = torch.ones(8), torch.ones(8)

    def add():
        c = a + b
        del c
    return add


# ------------------------------------------------------------------------------------------------------------ timing

UNITS = {"am_training_step": lambda: am_training_step_unit()[0], "am_forward_loss": am_forward_loss_unit,
         "am_optimizer_steps": am_optimizer_steps_unit, "gem_miner_epoch": gem_miner_epoch_unit, "tiny_add": tiny_add_unit}


def measure(fn, warmup, iterations, iteration_time):
    fn()                                                                        # jitting analogue: first call
    invocations, elapsed = 1, 0.0
    while True:                                                                 # pilot
        start = time.perf_counter()
        for _ in range(invocations):
            fn()
        elapsed = time.perf_counter() - start
        if elapsed >= iteration_time or invocations >= 1 << 24:
            break
        invocations = max(invocations * 2, int(invocations * iteration_time / max(elapsed, 1e-9)))
    times = []
    for i in range(warmup + iterations):
        start = time.perf_counter()
        for _ in range(invocations):
            fn()
        per_call = (time.perf_counter() - start) / invocations
        if i >= warmup:
            times.append(per_call)
    return {"mean_s": statistics.fmean(times), "sd_s": statistics.stdev(times) if len(times) > 1 else 0.0,
            "iterations": iterations, "invocations_per_iteration": invocations, "times_s": times}


def blas_library():
    """The BLAS the process has mapped (Debian's reference libblas unless an OpenBLAS is put first)."""
    try:
        with open("/proc/self/maps") as maps:
            paths = {line.split()[-1] for line in maps if "blas" in line.lower() and "/" in line}
        return sorted(os.path.realpath(p) for p in paths)
    except OSError:
        return [ctypes.util.find_library("blas") or "unknown"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", choices=sorted(UNITS), help="run only these units (repeatable)")
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--iterations", type=int, default=10)
    parser.add_argument("--iteration-time", type=float, default=0.5, help="seconds per iteration (the pilot's target)")
    parser.add_argument("--out", help="write the results as JSON here")
    args = parser.parse_args()

    torch.set_num_threads(1)
    results = {}
    for name in args.only or list(UNITS):
        results[name] = measure(UNITS[name](), args.warmup, args.iterations, args.iteration_time)
        r = results[name]
        print(f"pytorch {name}: {r['mean_s'] * 1e3:.4f} ms ± {r['sd_s'] * 1e3:.4f} ms (sd over {r['iterations']} "
              f"iterations of {r['invocations_per_iteration']})", flush=True)
    report = {"torch": torch.__version__, "python": platform.python_version(), "threads": torch.get_num_threads(),
              "blas": blas_library(), "load_average": list(os.getloadavg()), "results": results}
    if args.out:
        with open(args.out, "w") as f:
            json.dump(report, f, indent=2)
    print(f"pytorch {torch.__version__}, threads {torch.get_num_threads()}, blas {', '.join(report['blas'])}", file=sys.stderr)


if __name__ == "__main__":
    main()

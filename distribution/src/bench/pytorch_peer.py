#!/usr/bin/env python3
"""The PyTorch peer of `invariantlab benchmark`: the same workloads, timed the same way.

Each workload trains the network InvariantLab trains (64-64-64 SiLU by default, one thread) for a fixed
number of steps after a warm-up (the median of three timings), and prints one line `peer ENGINE RATE`
(examples per second):

  trainer          siamese pairs, float: both states of a pair through the network, logit a - b*|f(x) - f(x')|^2
                   (learned a, log b), binary cross-entropy, Adam
  orthogonality-K  states, float32 (as the reference implementation the team measured against; --double for float64): K outputs of one network, loss (1/K) sum_k E[(h.g_k)^2]
                   + (2/(K(K-1))) sum_{k<l} E[(g_k.g_l)^2] on unit input gradients g (double backward)
  deflation-2      states, same precision: one output, one frozen network, loss
                   E[((h.g)^2 + {g, g_1}^2)/2 / |(I - q q^T) g|^2] with the canonical Poisson bracket

The states are uniform in [-1, 1]^d under the rotation field h = (p, -q) of d/2 oscillators, as in
TrainerBenchmark.runGradient. Written for InvariantLab from those equations; needs Debian's python3-torch.
"""
import argparse
import time

import torch


def mlp(d, widths, k, dtype):
    layers, n = [], d
    for w in widths:
        layers += [torch.nn.Linear(n, w), torch.nn.SiLU()]
        n = w
    layers.append(torch.nn.Linear(n, k))
    return torch.nn.Sequential(*layers).to(dtype)


def unit(v):
    return v / torch.sqrt((v * v).sum(-1, keepdim=True) + 1e-24)


def rotation(n, d, dtype, gen):
    x = torch.rand(n, d, generator=gen, dtype=dtype) * 2 - 1
    half = d // 2
    h = torch.cat([x[:, half:], -x[:, :half]], dim=1)
    return x, h


def timed(step, steps, warm, repeats=3):
    """Seconds for `steps` steps after `warm` warm-up steps: the median of `repeats` timings."""
    for _ in range(warm):
        step()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for _ in range(steps):
            step()
        times.append(time.perf_counter() - t0)
    return sorted(times)[len(times) // 2]


def siamese(args, gen):
    net = mlp(args.inputs, args.widths, 1, torch.float32)
    a = torch.nn.Parameter(torch.tensor(2.0))
    log_b = torch.nn.Parameter(torch.tensor(0.0))
    opt = torch.optim.Adam(list(net.parameters()) + [a, log_b], lr=3e-3)
    x1 = torch.rand(args.batch, args.inputs, generator=gen) * 2 - 1
    x2 = torch.rand(args.batch, args.inputs, generator=gen) * 2 - 1
    y = (torch.rand(args.batch, generator=gen) < 0.5).float()
    bce = torch.nn.BCEWithLogitsLoss()

    def step():
        z = net(torch.cat([x1, x2]))
        d2 = ((z[:args.batch] - z[args.batch:]) ** 2).sum(-1)
        loss = bce(a - torch.exp(log_b) * d2, y)
        opt.zero_grad()
        loss.backward()
        opt.step()

    return args.batch * args.steps / timed(step, args.steps, args.warm)


def orthogonality(args, gen, k):
    d = args.inputs
    net = mlp(d, args.widths, k, args.dtype)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    x, h = rotation(args.batch, d, args.dtype, gen)
    hh = unit(h)

    def step():
        xs = x.clone().requires_grad_(True)
        z = net(xs)
        g = torch.stack([torch.autograd.grad(z[:, j].sum(), xs, create_graph=True)[0] for j in range(k)], 1)
        u = unit(g)
        loss = ((u * hh[:, None, :]).sum(-1) ** 2).mean()
        if k > 1:
            gram = torch.einsum('bkd,bld->bkl', u, u) ** 2
            off = (gram.sum((1, 2)) - gram.diagonal(dim1=1, dim2=2).sum(-1)) / 2
            loss = loss + (2.0 / (k * (k - 1))) * off.mean()
        opt.zero_grad()
        loss.backward()
        opt.step()

    return args.batch * args.steps / timed(step, args.steps, args.warm)


def deflation(args, gen):
    d = args.inputs
    half = d // 2
    frozen = mlp(d, args.widths, 1, args.dtype)
    net = mlp(d, args.widths, 1, args.dtype)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    x, h = rotation(args.batch, d, args.dtype, gen)
    hh = unit(h)
    xf = x.clone().requires_grad_(True)
    g1 = unit(torch.autograd.grad(frozen(xf).sum(), xf)[0]).detach()

    def bracket(a, b):
        return (a[:, :half] * b[:, half:] - a[:, half:] * b[:, :half]).sum(-1)

    def step():
        xs = x.clone().requires_grad_(True)
        g = unit(torch.autograd.grad(net(xs).sum(), xs, create_graph=True)[0])
        r = g - (g * g1).sum(-1, keepdim=True) * g1
        num = (g * hh).sum(-1) ** 2 + bracket(g, g1) ** 2
        loss = (num / 2 / torch.clamp((r * r).sum(-1), min=1e-12)).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()

    return args.batch * args.steps / timed(step, args.steps, args.warm)


def blas_library():
    """The BLAS library this process loaded (Debian's torch uses whatever libblas.so.3 points to)."""
    try:
        with open('/proc/self/maps') as maps:
            for line in maps:
                path = line.split()[-1]
                if 'blas' in path.rsplit('/', 1)[-1] or 'mkl' in path:
                    return path
    except OSError:
        pass
    return 'unknown'


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--inputs', type=int, default=4)
    p.add_argument('--widths', type=lambda s: [int(w) for w in s.split(',')], default=[64, 64, 64])
    p.add_argument('--batch', type=int, default=256)
    p.add_argument('--steps', type=int, default=200)
    p.add_argument('--warm', type=int, default=20)
    p.add_argument('--threads', type=int, default=1)
    p.add_argument('--double', action='store_true', help='second-order workloads in float64 (default float32)')
    args = p.parse_args()
    args.dtype = torch.float64 if args.double else torch.float32
    torch.set_num_threads(args.threads)
    gen = torch.Generator().manual_seed(1)
    torch.manual_seed(1)
    print(f'peer trainer {siamese(args, gen):.0f}', flush=True)
    print(f'peer orthogonality-1 {orthogonality(args, gen, 1):.0f}', flush=True)
    print(f'peer orthogonality-3 {orthogonality(args, gen, 3):.0f}', flush=True)
    print(f'peer deflation-2 {deflation(args, gen):.0f}', flush=True)
    print(f'peer torch {torch.__version__} {"float64" if args.double else "float32"}', flush=True)
    print(f'peer blas {blas_library()}', flush=True)


if __name__ == '__main__':
    main()

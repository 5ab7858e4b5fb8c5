#!/usr/bin/python3
"""Workload W and W-PSA of issue 4 as a vectorised numpy microsimulation (the peer of bench_kernel).

W:     N = 3,000 persons start in uitkering, T = 120 months, one 5x5 monthly matrix; state values
       counted at the start of the month, the move at its end; discount 2.25 % a year, month t
       weighted 1.0225^(-t/12). Output: mean discounted net benefit (benefit - cost) per person.
W-PSA: K iterations; every row ~ Dirichlet(500 x row), every monthly cost ~ gamma(shape 100,
       mean as given); each iteration simulates W with its draw.

Vectorised the way numpy is fastest: the months are a Python loop, and each month handles all
K x N person-iterations at once (uniforms, one searchsorted over all cumulative rows, a bincount
for the occupancy). Iterations are processed in chunks to bound memory. (A first version gathered
each person's row into a (K, N, 4) array and compared; it was about as fast.)

    /usr/bin/python3 benchmarks/peers/w_numpy.py [--persons N] [--months T] [--iterations K] [--psa]
                                        [--repeat R] [--chunk C] [--seed S]
"""
import argparse
import resource
import time

import numpy as np

P = np.array([
    [0.900, 0.060, 0.010, 0.010, 0.020],
    [0.100, 0.780, 0.030, 0.050, 0.040],
    [0.020, 0.005, 0.960, 0.005, 0.010],
    [0.030, 0.005, 0.005, 0.920, 0.040],
    [0.008, 0.001, 0.0005, 0.0005, 0.990],
])
COST = np.array([1300.0, 1800.0, 2600.0, 1100.0, 50.0])
BENEFIT = np.array([0.0, 150.0, 900.0, 1900.0, 2800.0])
S = 5


def simulate(cum, n, months, rng):
    """cum: (K, S, S) cumulative rows. Returns occupancy (K, months, S).

    All K x S rows go into one sorted array, row r shifted to [r, r + 1): row r's cumulative
    probabilities plus r. A person in row r with uniform u moves to
    searchsorted(flat, r + u, side='right') - r * S = #{j : u >= cum[r][j]}, one C call for all.
    """
    k = cum.shape[0]
    rows = np.arange(k * S, dtype=np.float64).reshape(k, S, 1)
    flat = (cum + rows).ravel()
    flat[S - 1::S] = rows.ravel() + 1.0          # row ends exactly at r + 1
    row0 = (np.arange(k, dtype=np.int64) * S)[:, None]
    row = np.broadcast_to(row0, (k, n)).copy()   # global row = k * S + state; state 0 at the start
    occ = np.empty((k, months, S), dtype=np.int64)
    for t in range(months):
        occ[:, t, :] = np.bincount(row.ravel(), minlength=k * S).reshape(k, S)
        u = rng.random((k, n))
        state = np.searchsorted(flat, row + u, side="right") - row * S
        row = row0 + state
    return occ


def run(args, rng):
    disc = 1.0225 ** (-np.arange(args.months) / 12.0)
    k_total = args.iterations
    results = np.empty(k_total)
    for k0 in range(0, k_total, args.chunk):
        k = min(args.chunk, k_total - k0)
        if args.psa:
            probs = np.stack([np.stack([rng.dirichlet(500.0 * P[r]) for r in range(S)]) for _ in range(k)])
            cost = rng.gamma(100.0, COST / 100.0, size=(k, S))
        else:
            probs = np.broadcast_to(P, (k, S, S))
            cost = np.broadcast_to(COST, (k, S))
        cum = np.cumsum(probs, axis=-1)
        occ = simulate(cum, args.persons, args.months, rng)
        net = BENEFIT[None, :] - cost                                     # (K, S)
        results[k0:k0 + k] = np.einsum("kts,ks,t->k", occ, net, disc) / args.persons
    return results


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--persons", type=int, default=3000)
    ap.add_argument("--months", type=int, default=120)
    ap.add_argument("--iterations", type=int, default=200)
    ap.add_argument("--psa", action="store_true")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--chunk", type=int, default=50, help="iterations per vectorised batch")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    times, cpu = [], []
    for r in range(args.repeat):
        rng = np.random.default_rng(args.seed)
        t0, c0 = time.perf_counter(), time.process_time()
        res = run(args, rng)
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    times.sort()
    cpu.sort()
    med = times[len(times) // 2]
    cpu_med = cpu[len(cpu) // 2]
    pm = args.persons * args.months * args.iterations
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"numpy {'W-PSA' if args.psa else 'W'} persons={args.persons} months={args.months} "
          f"iterations={args.iterations} repeat={args.repeat}: median {med:.3f} s (best {times[0]:.3f} s)  "
          f"{pm / med / 1e6:.2f} M person-months/s; CPU median {cpu_med:.3f} s: "
          f"{pm / cpu_med / 1e6:.2f} M person-months per CPU-second  mean NB/person {res.mean():.2f}  "
          f"(SD over iterations {res.std(ddof=1) if len(res) > 1 else 0:.2f})  peak RSS {peak} KiB")


if __name__ == "__main__":
    main()

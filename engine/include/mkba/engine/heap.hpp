#pragma once
// The process's heap settings (glibc malloc), set once at the start of main: by mkba and by the
// benchmark drivers, so that the benchmarks time the kernel as mkba runs it.
namespace mkba::engine {

// Keeps large freed blocks in the process for reuse instead of returning them to the kernel.
// A PSA or a tornado allocates the same buffers (persons, counts, traces, valued flows) again for
// every iteration or side, on several threads; with glibc's defaults blocks above the mmap
// threshold are mapped and unmapped each time, and per-thread heaps are trimmed when freed, so
// every run paid page faults and page clearing again (23 % of a tornado's CPU time; 12-15 % of
// bench_scenario's kernel time on the default scenario at 100,000 persons). Peak memory
// is unchanged: the same blocks are reused. No effect where the C library is not glibc.
void keep_freed_memory();

}  // namespace mkba::engine

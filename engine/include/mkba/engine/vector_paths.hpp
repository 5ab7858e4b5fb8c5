#pragma once
// Whether the hand-written AVX-512 loops run (the kernel's draws and moves, the rescreening, the
// segment rule of many persons at once). Each has a portable loop that gives the same bits; the
// vector one runs when the processor has AVX-512 (F, BW and VL) and the environment does not set
// MKBA_KERNEL_PORTABLE=1 (the tests set it to check the portable loops on such machines).
namespace mkba::engine {

bool avx512_paths();

}  // namespace mkba::engine

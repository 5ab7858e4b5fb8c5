// One process: what the distribution layer is without MPI (MKBA_WITH_MPI=OFF).
#include <mkba/analysis/distribute.hpp>

#include <cstdlib>

namespace mkba::analysis::distribute {

bool compiled_with_mpi() { return false; }
int rank() { return 0; }
int size() { return 1; }
void barrier() {}
void abort(int exit_code) { std::exit(exit_code); }

void agree(const std::exception_ptr& mine) {
  if (mine) std::rethrow_exception(mine);
}

bool failure_agreed() { return false; }

std::vector<std::vector<std::byte>> gather(const std::vector<std::byte>& mine) { return {mine}; }

void serve_blocks(std::atomic<int>&, int) {}

std::pair<int, int> request_block(int, int total) { return {total, total}; }

}  // namespace mkba::analysis::distribute

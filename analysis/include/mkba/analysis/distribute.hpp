#pragma once
// The processes a run is spread over (docs/cluster.md). With MPI (build option MKBA_WITH_MPI, and
// MPI initialised by the mkba command under mpirun or srun) these are the ranks of MPI_COMM_WORLD;
// otherwise, and whenever MPI was not initialised (library users, the unit tests), one process.
// Nothing here exposes an MPI type: the MPI implementation is distribute_mpi.cpp, the one-process
// implementation distribute_serial.cpp, and exactly one of them is compiled.
//
// Only the calling thread of a rank that called MPI_Init_thread talks MPI (MPI_THREAD_FUNNELED):
// worker threads never call these functions, except rank() and size(), which are cached.
#include <atomic>
#include <cstddef>
#include <exception>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace mkba::analysis::distribute {

bool compiled_with_mpi();
int rank();  // 0 .. size()-1
int size();  // 1 without MPI

void barrier();

// Ends every process of the job with this exit code (MPI_Abort); without MPI, std::exit.
[[noreturn]] void abort(int exit_code);

// Thrown on ranks other than 0 by agree() when a rank failed: rank 0 reports the failure (one
// message); this rank prints nothing and ends with exit_code, as every rank does.
class ReportedElsewhere : public std::runtime_error {
 public:
  explicit ReportedElsewhere(int code) : std::runtime_error("failure reported by rank 0"), exit_code(code) {}
  int exit_code;
};

// Exit code for an exception: 2 for bad input or usage (mkba::Error and its subclasses), 1 otherwise.
int exit_code_of(const std::exception_ptr& e);
// The text of a failure, to send it to rank 0.
std::string message_of(const std::exception_ptr& e);

// Collective: every rank passes what it threw (or nullptr). When no rank failed, returns. Otherwise
// rank 0 throws the failure of the lowest failing rank (its own exception as it was; another rank's
// as mkba::Error or std::runtime_error with the message, keeping the exit code) and every other
// rank throws ReportedElsewhere with that exit code. Every rank then knows, so the job can end
// with MPI_Finalize and that exit code on every rank; failure_agreed() says so.
void agree(const std::exception_ptr& mine);
bool failure_agreed();

// Gathers one byte buffer per rank to rank 0: on rank 0 the buffers of ranks 0..size()-1 in rank
// order; on other ranks an empty vector. Collective.
std::vector<std::vector<std::byte>> gather(const std::vector<std::byte>& mine);

// Dynamic schedule. On rank 0, serve_blocks() answers the other ranks' requests with blocks of
// indices taken from `next` (which rank 0's own worker threads draw from too) until every other
// rank has been told that nothing is left (an index >= total). On the other ranks, request_block()
// asks rank 0 for up to `want` indices and returns [first, last); first >= total means done.
void serve_blocks(std::atomic<int>& next, int total);
std::pair<int, int> request_block(int want, int total);

}  // namespace mkba::analysis::distribute

// The distribution layer on MPI (compiled only with MKBA_WITH_MPI): the ranks of MPI_COMM_WORLD,
// through the MPI C API. When MPI was not initialised (a library user, the unit tests) every
// function behaves as the one-process implementation.
#include <mkba/analysis/distribute.hpp>
#include <mkba/models/errors.hpp>

#include <mpi.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <thread>

namespace mkba::analysis::distribute {
namespace {

enum Tag : int { tag_error = 901, tag_length = 902, tag_data = 903, tag_request = 904, tag_block = 905 };
constexpr std::size_t chunk_bytes = std::size_t{1} << 30;  // MPI counts are int
std::atomic<bool> agreed_failure{false};

bool active() {
  int initialised = 0, finalised = 0;
  MPI_Initialized(&initialised);
  if (!initialised) return false;
  MPI_Finalized(&finalised);
  return !finalised;
}

void send_bytes(const void* data, std::uint64_t n, int dest) {
  MPI_Send(&n, 1, MPI_UINT64_T, dest, tag_length, MPI_COMM_WORLD);
  const auto* p = static_cast<const char*>(data);
  for (std::uint64_t off = 0; off < n; off += chunk_bytes) {
    const auto len = static_cast<int>(std::min<std::uint64_t>(chunk_bytes, n - off));
    MPI_Send(p + off, len, MPI_BYTE, dest, tag_data, MPI_COMM_WORLD);
  }
}

template <class Buffer>
void receive_bytes(Buffer& out, int source) {
  std::uint64_t n = 0;
  MPI_Recv(&n, 1, MPI_UINT64_T, source, tag_length, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  out.resize(static_cast<std::size_t>(n));
  auto* p = reinterpret_cast<char*>(out.data());
  for (std::uint64_t off = 0; off < n; off += chunk_bytes) {
    const auto len = static_cast<int>(std::min<std::uint64_t>(chunk_bytes, n - off));
    MPI_Recv(p + off, len, MPI_BYTE, source, tag_data, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  }
}

}  // namespace

bool compiled_with_mpi() { return true; }

int rank() {
  if (!active()) return 0;
  int r = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &r);
  return r;
}

int size() {
  if (!active()) return 1;
  int n = 1;
  MPI_Comm_size(MPI_COMM_WORLD, &n);
  return n;
}

void barrier() {
  if (active()) MPI_Barrier(MPI_COMM_WORLD);
}

void abort(int exit_code) {
  if (active()) MPI_Abort(MPI_COMM_WORLD, exit_code);
  std::exit(exit_code);
}

void agree(const std::exception_ptr& mine) {
  const int n = size();
  if (n == 1) {
    if (mine) std::rethrow_exception(mine);
    return;
  }
  const int me = rank();
  const int flag = mine ? me : n;
  int lowest = n;
  MPI_Allreduce(&flag, &lowest, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
  if (lowest == n) return;
  agreed_failure = true;
  int code = exit_code_of(mine);
  std::string text;
  if (me == lowest && me != 0) {
    text = message_of(mine);
    MPI_Send(&code, 1, MPI_INT, 0, tag_error, MPI_COMM_WORLD);
    send_bytes(text.data(), text.size(), 0);
  } else if (me == 0 && lowest != 0) {
    MPI_Recv(&code, 1, MPI_INT, lowest, tag_error, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    receive_bytes(text, lowest);
  }
  MPI_Bcast(&code, 1, MPI_INT, 0, MPI_COMM_WORLD);  // every rank ends with the same exit code
  if (me != 0) throw ReportedElsewhere(code);
  if (lowest == 0) std::rethrow_exception(mine);
  text = "rank " + std::to_string(lowest) + ": " + text;
  if (code == 2) throw mkba::Error(text);
  throw std::runtime_error(text);
}

bool failure_agreed() { return agreed_failure; }

std::vector<std::vector<std::byte>> gather(const std::vector<std::byte>& mine) {
  const int n = size();
  if (n == 1) return {mine};
  if (rank() != 0) {
    send_bytes(mine.data(), mine.size(), 0);
    return {};
  }
  std::vector<std::vector<std::byte>> all(static_cast<std::size_t>(n));
  all[0] = mine;
  for (int r = 1; r < n; ++r) receive_bytes(all[static_cast<std::size_t>(r)], r);
  return all;
}

void serve_blocks(std::atomic<int>& next, int total) {
  int remaining = size() - 1;
  while (remaining > 0) {
    int flag = 0;
    MPI_Status status;
    MPI_Iprobe(MPI_ANY_SOURCE, tag_request, MPI_COMM_WORLD, &flag, &status);
    if (!flag) {
      std::this_thread::sleep_for(std::chrono::microseconds(200));
      continue;
    }
    int want = 1;
    MPI_Recv(&want, 1, MPI_INT, status.MPI_SOURCE, tag_request, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    const int first = next.fetch_add(std::max(1, want));
    const int block[2] = {std::min(first, total), std::min(first + std::max(1, want), total)};
    MPI_Send(block, 2, MPI_INT, status.MPI_SOURCE, tag_block, MPI_COMM_WORLD);
    if (block[0] >= total) --remaining;
  }
}

std::pair<int, int> request_block(int want, int total) {
  if (size() == 1) return {total, total};
  int block[2] = {total, total};
  MPI_Send(&want, 1, MPI_INT, 0, tag_request, MPI_COMM_WORLD);
  MPI_Recv(block, 2, MPI_INT, 0, tag_block, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  return {block[0], block[1]};
}

}  // namespace mkba::analysis::distribute

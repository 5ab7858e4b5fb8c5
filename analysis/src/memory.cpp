#include <mkba/analysis/memory.hpp>
#include <mkba/models/age.hpp>
#include <mkba/models/compile.hpp>
#include <mkba/models/errors.hpp>

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>

namespace mkba::analysis {
namespace {

// One simulation's counts (transitions, occupancy, entries) in bytes: T cycle boundaries.
std::uint64_t counts_bytes(std::uint64_t T, std::uint64_t G, std::uint64_t S, std::uint64_t n) { return T * G * S * n * (n + 2) * 8; }

}  // namespace

MemoryEstimate estimate_memory(const Scenario& s, const RunOptions& opt) {
  MemoryEstimate e;
  const std::uint64_t real = static_cast<std::uint64_t>(s.start_population());
  const double scale = opt.persons ? static_cast<double>(*opt.persons) / static_cast<double>(std::max<std::uint64_t>(real, 1))
                       : s.persons ? static_cast<double>(*s.persons) / static_cast<double>(std::max<std::uint64_t>(real, 1))
                                   : 1.0;
  double inflow = 0;
  for (const auto& f : s.inflow) inflow += f.per_month * s.time.horizon_years * 12;
  e.persons = static_cast<std::uint64_t>((static_cast<double>(real) + inflow) * scale) + 1;
  const std::uint64_t T = static_cast<std::uint64_t>(s.time.n_cycles()) + 1, G = s.gemeenten.size(),
                      S = static_cast<std::uint64_t>(engine_segment_count(s)), n = s.states.size(),
                      A = s.alternatives.size();
  const int K = std::max(1, opt.iterations.value_or(s.iterations));
  const std::uint64_t concurrent = static_cast<std::uint64_t>(std::max(1, std::min(opt.threads, K)));
  const std::uint64_t per_person = person_bytes(s.rescreening.has_value());
  const std::uint64_t counts = counts_bytes(T, G, S, n);
  const std::uint64_t per_sim = e.persons * per_person + counts * 2;  // counts + their trace (doubles)
  const std::uint64_t base = A * counts * 2;                          // the base case's traces, kept
  const std::uint64_t summary =
      A * (s.stakeholders.size() * s.categories.size() + s.effects.size() + s.outcomes.size() +
           static_cast<std::uint64_t>(s.time.horizon_years) + S * (s.stakeholders.size() + s.outcomes.size())) * 8;
  e.bytes = concurrent * per_sim + base + static_cast<std::uint64_t>(K) * summary + (64u << 20);  // + program
  return e;
}

std::uint64_t person_bytes(bool rescreening) {
  // State, months in state, cell, segment, gemeente, 64-bit key, row map entry, and the order index
  // while expanding; with rescreening 13 scores, the next screening and by_rule.
  return 1 + 2 + 4 + 1 + 2 + 8 + 4 + 8 + (rescreening ? 13 + 2 + 1 : 0);
}

std::uint64_t estimate_tornado_memory(const engine::CompiledModel& m, bool simulates, std::size_t bars,
                                      const RunOptions& opt) {
  const std::uint64_t A = m.alternatives.size(), n = static_cast<std::uint64_t>(m.n_states);
  const std::uint64_t counts = counts_bytes(static_cast<std::uint64_t>(m.n_cycles) + 1, static_cast<std::uint64_t>(m.n_gemeenten),
                                            static_cast<std::uint64_t>(m.n_segments), n);
  std::uint64_t side = 0;  // one side's transition sets
  for (const auto& a : m.alternatives)
    side += a.transitions.probabilities.size() * sizeof(double) + a.transitions.matrix_index.size() * sizeof(std::int32_t);
  const std::uint64_t batch = std::min<std::uint64_t>(opt.tornado_batch_bytes, 2 * side * bars) + 2 * side;
  const std::uint64_t threads = static_cast<std::uint64_t>(std::max(1, opt.threads));
  if (!simulates) return A * counts * 2 + threads * counts * 4;  // cohort traces
  const std::uint64_t persons = static_cast<std::uint64_t>(m.simulated_persons());
  const std::uint64_t per_person = person_bytes(m.rescreening.has_value());
  const std::uint64_t words = (static_cast<std::uint64_t>(m.n_segments) * static_cast<std::uint64_t>(m.n_bands) * n + 63) / 64;
  const std::uint64_t model = m.population.size() * sizeof(engine::PersonGroup) + side;
  // Per thread: a subset (at most half the persons, else the whole is simulated), its base counts,
  // the side's counts and trace, and a copy of the base model.
  const std::uint64_t per_thread = persons / 2 * per_person + counts * 4 + model;
  return persons * per_person + A * (persons * words * 8 + counts * 2) + batch + threads * per_thread;
}

std::uint64_t default_memory_budget() {
  const long pages = sysconf(_SC_PHYS_PAGES), size = sysconf(_SC_PAGE_SIZE);
  if (pages <= 0 || size <= 0) return 4ull << 30;
  return static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(size) / 2;
}

std::uint64_t parse_memory(const std::string& text) {
  std::size_t pos = 0;
  double v = 0;
  try {
    v = std::stod(text, &pos);
  } catch (...) {
    pos = 0;
  }
  const std::string unit = pos ? text.substr(pos) : "";
  double mult = 0;
  if (unit.empty() || unit == "M" || unit == "MiB") mult = 1 << 20;
  else if (unit == "G" || unit == "GiB") mult = 1ull << 30;
  else if (unit == "K" || unit == "KiB") mult = 1 << 10;
  if (!pos || mult == 0 || !(v > 0))
    throw UsageError(fmt::format("--max-memory expects a size such as 4G, 512M or 2048 (MiB), found '{}'", text));
  return static_cast<std::uint64_t>(v * mult);
}

}  // namespace mkba::analysis

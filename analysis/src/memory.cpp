#include <mkba/analysis/memory.hpp>
#include <mkba/models/age.hpp>
#include <mkba/models/compile.hpp>
#include <mkba/models/errors.hpp>

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>

namespace mkba::analysis {

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
  // Per person: state, duration, cell, segment, gemeente, 64-bit key (+ 13 scores and a 64-bit key
  // when rescreening).
  const std::uint64_t per_person = 18 + (s.rescreening ? 21 : 0) + 8;  // + the person-order index
  const std::uint64_t counts = T * G * S * n * (n + 2) * 8;          // transitions, occupancy, entries
  const std::uint64_t per_sim = e.persons * per_person + counts * 2;  // counts + their trace (doubles)
  const std::uint64_t base = A * counts * 2;                          // the base case's traces, kept
  const std::uint64_t summary =
      A * (s.stakeholders.size() * s.categories.size() + s.effects.size() + s.outcomes.size() +
           static_cast<std::uint64_t>(s.time.horizon_years) + S * (s.stakeholders.size() + s.outcomes.size())) * 8;
  e.bytes = concurrent * per_sim + base + static_cast<std::uint64_t>(K) * summary + (64u << 20);  // + program
  return e;
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

#pragma once
// The run plan: alternatives x iterations over one scenario, and the per-alternative results the
// reports read. Engine counts -> trace -> valuation happen here, outside the kernel.
#include <mkba/engine/trace.hpp>
#include <mkba/engine/valuation.hpp>
#include <mkba/models/scenario.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace mkba::analysis {

enum class Mode { microsim, cohort };

// How PSA iterations are spread over MPI ranks (docs/cluster.md); results never depend on it.
// static_blocks: rank r computes one contiguous block of iterations; dynamic: ranks ask rank 0 for
// the next iterations as they finish (for iterations of uneven cost).
enum class Schedule { static_blocks, dynamic };

struct RunOptions {
  Mode mode = Mode::microsim;
  std::optional<std::uint64_t> seed;      // default: the scenario's
  std::optional<std::int64_t> persons;    // simulated persons; default: scenario, else the caseload
  int threads = 1;
  std::optional<int> iterations;         // PSA iterations; default: the scenario's (1 = base case only)
  std::optional<double> discount_rate;   // default: the scenario's
  Schedule schedule = Schedule::static_blocks;  // only matters with more than one MPI rank
  // Called (serialised) after every PSA iteration this process finishes: (done, total).
  std::function<void(int, int)> progress;
  // Called after each alternative of the base case is simulated and valued: (done, total).
  std::function<void(int, int)> base_progress;
  // one_way (the tornado): the most bytes of the sides' transition sets held at once; the bars run
  // in batches that fit (docs/architecture.md). Results do not depend on it.
  std::uint64_t tornado_batch_bytes = std::uint64_t{256} << 20;
};

// What is kept of one PSA iteration for one alternative: small, so memory does not grow with the
// number of iterations beyond these summaries.
struct AlternativeSummary {
  std::vector<double> ncw;           // [stakeholder * n_categories + category], discounted euros
  std::vector<double> real_items;    // [effect]: discounted euros of real items (receiver-signed)
  std::vector<double> outcomes;      // [outcome], discounted quantities
  std::vector<double> society_by_year;  // [year]: society's discounted euros in that year
  std::vector<double> segment_ncw;      // [segment * n_stakeholders + stakeholder], discounted euros
  std::vector<double> segment_outcomes; // [segment * n_outcomes + outcome], discounted quantities
};
struct IterationSummary {
  std::vector<AlternativeSummary> alternatives;
};

struct AlternativeResult {
  std::string id;
  std::string label;
  engine::Trace trace;      // real persons
  engine::Valued valued;    // discounted euros at the scenario's rate
};

struct RunResult {
  std::uint64_t seed = 0;
  std::int64_t simulated_persons = 0;
  double person_weight = 1;
  Mode mode = Mode::microsim;
  std::vector<AlternativeResult> alternatives;  // [0] is the nulalternatief (base case)
  std::vector<IterationSummary> psa;           // one per PSA iteration (empty without PSA)
  int threads = 1;
};

// The summary of one alternative; with `gemeente` >= 0 only that gemeente's cells: ncw, outcomes
// and society_by_year (segment_ncw, segment_outcomes and real_items are left empty: the valuation
// keeps them for the region only).
AlternativeSummary summarise(const Scenario& s, const engine::Valued& v, int gemeente = -1);

// Under MPI with more than one rank (distribute.hpp), every rank calls run(): the PSA iterations are
// split over the ranks and gathered to rank 0, whose result is complete (base case and every
// iteration) and identical to a one-process run. The other ranks return an incomplete result that
// is not to be reported (no base case, only their own iterations). A failure anywhere is thrown on
// rank 0 (the lowest failing iteration, as in one process); other ranks then throw
// distribute::ReportedElsewhere or, when only they know of it, their own error.
RunResult run(const Scenario& scenario, const RunOptions& options);

// Cooperative interruption (SIGINT/SIGTERM in the CLI): run() checks it between PSA iterations and
// throws Interrupted, so nothing is written.
void request_interrupt();
bool interrupt_requested();
struct Interrupted : std::runtime_error {
  Interrupted() : std::runtime_error("interrupted; nothing was written") {}
};

// Net present value per stakeholder (summed over cycles, gemeenten and categories).
std::vector<double> ncw_per_stakeholder(const engine::Valued& v);
// Society's NCW: the sum over stakeholders (transfers cancel, so this is the real effects).
double ncw_society(const engine::Valued& v);
// Largest |sum over stakeholders of transfer items| in any cycle; must be ~0.
double transfer_imbalance(const engine::Valued& v);

}  // namespace mkba::analysis

#pragma once
// Calibration of transition rates (issue 7, docs/calibration.md).
//
// Episodes (discrete time). Every month a person spends in state i is one trial: at the month's
// end they stay or move to j. With n_ij moves and M_i exposure months (months at risk) in a
// segment and duration band, the maximum-likelihood monthly probability is p_ij = n_ij / M_i.
// Right-censored episodes add exposure but no move. Small segments are shrunk toward the pooled
// estimate (all segments together, same band and state) with a Dirichlet prior of strength k
// person-months: prior alpha_j = k * pooled_j, posterior alpha_j = k * pooled_j + n_j (staying
// included, n_stay = M - sum n_j); the point estimate is the posterior mean.
//
// Panel (continuous time). States seen only at some months: maximum likelihood of a generator Q
// (annual rates on the declared allowed moves, log-parametrised) from sum log exp(Q dt)[a][b] over
// consecutive observations, by BFGS with central-difference gradients; standard errors from the
// inverse of the numerical Hessian of the log-likelihood (observed information). The monthly
// matrix is exp(Q/12).
#include <mkba/models/episodes.hpp>
#include <mkba/models/screening.hpp>

#include <Eigen/Core>

#include <string>
#include <vector>

namespace mkba {

// ---------- episodes ----------

struct CalibrationOptions {
  std::vector<std::string> by;          // segment keys: "kwadrant", "gemeente" (empty: one segment)
  std::vector<int> band_starts{0};      // months in state at which a duration band begins
  double prior_months = 120;            // k: Dirichlet prior strength in person-months
  double level = 0.95;                  // confidence level of the intervals
  double min_exposure = 120;            // flag: fewer exposure months than this
  double min_moves = 10;                // flag: fewer observed moves out of the state than this
};

// One row of the transition matrix for one segment and duration band.
struct RateRow {
  int segment = 0;       // index into Calibration::segments; -1 = pooled
  int band = 0;
  int from = 0;
  double exposure = 0;               // months at risk
  std::vector<double> moves;         // [to], moves observed (moves[from] = staying months)
  std::vector<double> mle;           // [to], n / M (staying included)
  std::vector<double> lo, hi;        // [to], Wilson score interval of the MLE at `level`
  std::vector<double> alpha;         // [to], Dirichlet posterior counts (staying included)
  std::vector<double> expected;      // [to], expected moves under the pooled rates: M * pooled
  double own_weight = 1;             // M / (M + k): the weight of the segment's own data
  bool little_data = false;
  double alpha_sum() const;
  double posterior_mean(int to) const;
  double posterior_sd(int to) const;  // Beta marginal of the Dirichlet
};

struct Calibration {
  std::vector<std::string> states;
  std::vector<std::string> segments;  // labels, e.g. "k4" or "k4_zoetermeer"; {"alle"} without --by
  std::vector<int> band_starts;
  CalibrationOptions options;
  std::vector<RateRow> pooled;        // [band * n_states + from]
  std::vector<RateRow> rows;          // [(segment * n_bands + band) * n_states + from]
  std::int64_t episodes_used = 0;
  std::int64_t persons_without_screening = 0;  // left out (no segment)
  std::int64_t unknown_next = 0;               // episodes ending with no known next state (censored)
  std::vector<std::int64_t> segment_persons;   // [segment] persons with episodes in it (disclosure)
  std::string aggregate_file;                  // the realisatie whose counts were added ("" none)
  int aggregate_months = 0;                    // its months of moves
  const RateRow& row(int segment, int band, int from) const;
};

// Aggregate evidence from a realisatie (models/realisatie.hpp; docs/calibration.md, "Adding the
// realisatie"): per segment and state the months at risk and the moves of the file's months after
// its first. Month m of a row (gemeente, state, kwadrant) contributes stand(m-1) - vertrek(m)
// months at risk (persons at the start of the month, less those who left to no state of the
// scenario: their month's outcome is unknown, as an episode with an unknown next state) and its
// naar_<state>(m) moves. The counts add to the episodes' in calibrate_episodes.
struct AggregateEvidence {
  std::string file;
  std::vector<std::string> states;
  std::vector<std::string> segments;                    // labels (calibration_segment_label), sorted
  std::vector<std::vector<double>> exposure;            // [segment][from] months at risk
  std::vector<std::vector<std::vector<double>>> moves;  // [segment][from][to] (to != from)
  std::vector<std::int64_t> persons;  // [segment] the largest caseload of one month (persons behind it, a lower bound)
  int months = 0;                     // months whose moves were counted (all but the first)
};

struct Realisatie;  // models/realisatie.hpp
// `by` as for person_segments; "kwadrant" needs the file's kwadrant column. Throws UsageError.
AggregateEvidence realisatie_evidence(const Realisatie& r, const std::vector<std::string>& by);

// The label of a segment: its kwadrant (k1..k4, onbekend for 0) and/or its gemeente (lower case,
// other characters '_'), joined by '_' in the order of `by`; "alle" without keys.
std::string calibration_segment_label(const std::vector<std::string>& by, int kwadrant, const std::string& gemeente);

// The segment of every person of `episodes` (joined on id with the screening file); -1 when the
// person has no screening row. Fills `labels`.
std::vector<int> person_segments(const EpisodeData& episodes, const ScreeningData& screening,
                                 const std::vector<std::string>& by, std::vector<std::string>& labels);

// `extra` (a realisatie's counts, or null) adds months at risk and moves to the rows of its segments
// (and the pooled rows) before the estimates; its segments join the episodes' labels. It needs one
// duration band (a realisatie has no months in state): UsageError otherwise. `episodes` may hold no
// episodes (states only): a calibration from the realisatie alone.
Calibration calibrate_episodes(const EpisodeData& episodes, const std::vector<int>& person_segment,
                               const std::vector<std::string>& segment_labels, const CalibrationOptions& options,
                               const AggregateEvidence* extra = nullptr);

// The estimator that ignores censoring (for comparison and the tests): censored episodes are
// dropped, so long spells, which are censored more often, are under-represented. One segment, one band.
Eigen::MatrixXd naive_monthly_estimate(const EpisodeData& episodes);

// Parameter id of one estimated cell: p_[segment_][dBAND_]from_to (segment and band parts only
// when there is more than one).
std::string rate_parameter_id(const Calibration& c, int segment, int band, int from, int to);

// ---------- panel ----------

struct PanelFitOptions {
  std::vector<std::pair<int, int>> allowed;  // moves with a rate to estimate (from, to)
  double level = 0.95;
  int max_iterations = 500;
  double gradient_tolerance = 1e-5;          // on |d loglik / d log q|
};

struct PanelFit {
  std::vector<std::string> states;
  std::vector<std::pair<int, int>> allowed;
  Eigen::VectorXd log_rates;       // [allowed]
  Eigen::VectorXd rates;           // [allowed], annual
  Eigen::VectorXd se_log;          // standard errors of the log rates (observed information)
  Eigen::VectorXd lo, hi;          // confidence interval of the annual rates: exp(log q +- z se)
  Eigen::MatrixXd q;               // the generator (annual)
  Eigen::MatrixXd monthly;         // exp(Q / 12)
  Eigen::MatrixXd monthly_sd;      // standard errors of exp(Q / 12) (delta method); NaN without
  double log_likelihood = 0;
  int iterations = 0;
  bool converged = false;
  double gradient_norm = 0;        // max |gradient| at the end
  bool hessian_ok = false;         // -H positive definite
  std::string message;             // how the optimiser ended
  std::int64_t pairs = 0;          // consecutive observation pairs used
  // Observed vs expected counts of (state at one screening, state at the next).
  Eigen::MatrixXd observed, expected;
};

PanelFit fit_panel(const PanelData& panel, const PanelFitOptions& options);

// ---------- outputs ----------

// What the disclosure control (report/calibration_disclosure.hpp, the one place it is decided)
// hides in the outputs of a calibration by segment. Empty vectors: nothing hidden.
struct CalibrationHidden {
  double threshold = 0;
  // [segment] fewer persons than the threshold: no published row of its own (its counts nowhere);
  // its rates are the pooled ones (the parameters and the `transitions` block refer to the pooled).
  std::vector<bool> pooled_segment;
  // Counts that print as "x" (secondary suppression, e.g. a pooled row that would give a hidden
  // segment's counts by subtraction): laid out like Calibration::pooled / ::rows.
  std::vector<bool> pooled_exposure, row_exposure;            // [row] months at risk
  std::vector<bool> pooled_out, row_out;                      // [row] moves out of the state
  std::vector<std::vector<bool>> pooled_moves, row_moves;     // [row][to] (staying included)
  bool segment_pooled(int g) const {
    return g >= 0 && static_cast<std::size_t>(g) < pooled_segment.size() && pooled_segment[static_cast<std::size_t>(g)];
  }
};

struct CalibrationSource {
  std::string command;          // the command line (ids never appear in it)
  std::string episodes_file, screening_file, panel_file;
  bool transitions = false;     // also write a ready `transitions:` block (mkba calibrate --transitions)
  std::string realisatie_file = {};  // --realisatie: its moves added as aggregate counts
};

// The YAML include: `parameters:` with one beta parameter per estimated cell (mean and sd of the
// Dirichlet posterior's marginal) and, with a panel fit, one lognormal annual rate per allowed
// move; a comment block with the posterior counts per row and how to use the file.
// `hidden` (null: nothing hidden) applies to the episodes' counts, alike in all three outputs.
std::string calibration_yaml(const Calibration* c, const PanelFit* panel, const CalibrationSource& src,
                             const CalibrationHidden* hidden = nullptr);
// Fit report: CSV (one line per segment x band x from x to) and text.
std::string calibration_fit_csv(const Calibration& c, const CalibrationHidden* hidden = nullptr);
std::string panel_fit_csv(const PanelFit& p);
std::string calibration_report(const Calibration* c, const PanelFit* panel, const CalibrationSource& src,
                               const CalibrationHidden* hidden = nullptr);

}  // namespace mkba

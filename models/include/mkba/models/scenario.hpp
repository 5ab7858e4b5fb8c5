#pragma once
// A scenario as plain, validated, immutable data: names already resolved to indices, numbers
// already checked. Produced by load_scenario(); consumed by compile() and the reports. No YAML
// type appears here.
#include <mkba/engine/valuation.hpp>
#include <mkba/models/errors.hpp>
#include <mkba/models/expression.hpp>
#include <mkba/models/segments.hpp>

#include <Eigen/Core>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace mkba {

enum class StateKind { benefit, trajectory, work, sheltered, absorbing, other };

struct StateSpec {
  std::string id;
  std::string label;     // Dutch label, shown in reports
  std::string label_en;  // optional
  StateKind kind = StateKind::other;
  double fte = 1.0;      // part-time factor: fte per person in this state (places and per-fte amounts)
};

struct YearMonth {
  int year = 2026;
  int month = 1;  // 1..12
  int months_since(YearMonth origin) const { return (year - origin.year) * 12 + (month - origin.month); }
  std::string str() const;
};

// time.counting: which occupancy stands for the time spent in a cycle (docs/timing.md).
enum class Counting { start, end, half_cycle, simpson, darthtools_simpson };
// discounting.timing: when in a cycle its state values are discounted (docs/timing.md).
enum class DiscountTiming { start, middle, end, continuous, counted };

struct TimeSpec {
  YearMonth start;
  int horizon_years = 10;
  int months_per_cycle = 1;  // 1, 3 or 12
  Counting counting = Counting::start;
  int n_cycles() const { return horizon_years * 12 / months_per_cycle; }
};

// Persons present at the start, by gemeente and state.
struct StartGroup {
  int gemeente = 0;
  int segment = 0;
  int state = 0;
  double persons = 0;
  int months_in_state = 0;
  engine::ZrmScoreArray scores{};  // screened persons, for rescreening
  int first_rescreen_month = -1;   // months from the start to the next screening; -1: none
  int age_group = -1;              // index into Scenario::age_groups->ages; -1: spread by the segment's shares
  int ontheffing = -1;             // screened persons: 1 with ontheffing, 0 without; -1: not known (models/ontheffing.hpp)
};

// Annual rescreening (a screening population only): per screening each scored ZRM domain moves one
// point up with probability improve[state] and one point down with worsen[state].
struct RescreeningSpec {
  int interval_months = 12;
  std::vector<double> improve, worsen;  // [state]
};

// New candidates per month in one gemeente, with their state mix, within a window of months.
struct InflowSpec {
  int gemeente = 0;
  double per_month = 0;
  std::vector<double> state_mix;  // [state], sums to 1
  int first_month = 0;            // months from the start, inclusive
  int last_month = -1;            // exclusive; -1 = until the horizon
};

// Where something is written (file:line:column and its path in the document), for messages about
// rules that can only be checked after loading (a change applied in some month, a PSA draw).
struct SourcePos {
  std::string file;
  int line = 0, column = 0;
  std::string path;
  Diagnostic diagnostic(std::string message) const { return {file, line, column, path, std::move(message)}; }
};

// A change a projectalternatief makes to one transition of the nulalternatief.
struct TransitionOverlay {
  int from = 0, to = 0;
  enum class Kind { relative_risk, probability } kind = Kind::relative_risk;
  double value = 1;
  int first_month = 0;   // months from the start, inclusive
  int last_month = -1;   // exclusive; -1 = until the horizon
  int segment = -1;      // transitions.by_duration with `segment`: only this segment; -1 = all
  SourcePos where;       // the change in the scenario (or an include), for messages
  int varying = -1;      // >= 0: the value changes over time: Scenario::varying_uses[varying] per cycle
  std::vector<std::uint8_t> segments;  // an alternative's targeted change: [segment] mask; empty = all
  std::vector<std::uint8_t> gemeenten;  // ... and [gemeente] mask (models/gemeente_targeting.hpp); empty = all
  int ontheffing = -1;  // `ontheffing: ja/nee`: only persons with (1) or without (0) ontheffing; -1 = all (models/ontheffing.hpp)
  // Durability: the change fades with the person's months in the `from` state. fade_factors[k]
  // holds from fade_starts[k] months in state on (a step function; starts increasing from 0): a
  // relative risk becomes 1 + (rr - 1) x factor, a probability old + (p - old) x factor. The loader
  // makes every start a duration band. Empty: no fading.
  std::vector<int> fade_starts;
  std::vector<double> fade_factors;
  double fade_at(int months_in_state) const;  // 1 without fading
};

// A capacity limit of an alternative: at most `places` real persons in `state` (per gemeente, or in
// total), in the months [first_month, last_month). Demand beyond it waits (docs/timing.md).
struct CapacitySpec {
  int state = 0;
  int gemeente = -1;
  double places = 0;
  std::map<int, double> places_by_year;  // calendar year -> places; years not listed: no limit
  int first_month = 0;
  int last_month = -1;
  std::vector<std::uint8_t> segments;  // `segments:`: only persons in these segments hold its places; empty = all
  std::vector<std::uint8_t> gemeenten;  // `gemeenten:`: one limit shared by these gemeenten ([gemeente] mask; models/gemeente_targeting.hpp); empty = `gemeente`
  int ontheffing = -1;                 // `ontheffing: ja/nee` (1/0); -1 = all (models/ontheffing.hpp)
  SourcePos where;  // the limit in the scenario, for messages
};

// Changes that apply in one calendar year (all months of it).
struct YearChanges {
  int year = 0;
  std::vector<TransitionOverlay> changes;
};

// ParameterUse::index of an overlay value: which list the change is in.
inline constexpr int kSegmentList = 1000;  // + segment
inline constexpr int kBandList = 2000;     // + duration band
inline constexpr int kYearList = 3000;     // + index into year_changes

struct AlternativeSpec {
  std::string id;
  std::string label;
  std::string description;
  std::vector<TransitionOverlay> overlays;
  std::vector<CapacitySpec> capacities;
  int extends = -1;  // the alternative this one builds on (its changes and limits come first)
};

// Loonwaarde (productive value as a fraction of WML) as a person attribute: every person carries a
// loonwaarde band, drawn at entry from a Beta distribution per declared segment (mean and sd may be
// uncertain parameters, so the distribution is part of the PSA). The engine counts by segment x
// band; amounts that read `loonwaarde` are evaluated per band at the band's conditional mean
// (models/loonwaarde.hpp); states may admit only some bands (eligibility). docs/scenario-format.md, "loonwaarde".
struct LoonwaardeSpec {
  std::vector<double> edges;         // band edges, 0 = edges[0] < ... < edges[B] = 1
  std::vector<double> mean, sd;      // [declared segment]: Beta mean and sd of the person-level loonwaarde
  std::vector<double> min, max;      // [state]: eligible bands lie within [min, max] (default [0, 1])
  int parameter = -1;                // index of the implicit parameter `loonwaarde` in Scenario::parameters
  int bands() const { return static_cast<int>(edges.size()) - 1; }
};

struct EffectSpec {
  std::string name;
  std::string source;
  int displaces = -1;  // a displacement line (verdringing): the index of the effect whose production it nets
  bool unpriced = false;  // a PM item: named in the report, valued at 0 (`amount: pm`)
  engine::ValueItem item;  // resolved indices; amount per `per_months` months (per_cycle) or per event
  int per_months = 1;      // `per`: month 1, year 12, cycle the months per cycle
  std::vector<int> alternatives;  // empty: all alternatives; else only these (0 = nulalternatief)
};

// A named value usable wherever a number goes, optionally uncertain (drawn once per PSA iteration).
enum class Distribution { fixed, normal, lognormal, gamma, beta, uniform, triangular };

struct ParameterSpec {
  std::string id;
  double value = 0;  // the base-case value (the distribution's mean unless stated otherwise)
  Distribution distribution = Distribution::fixed;
  // normal: a=mean b=sd; lognormal: a=mean b=sd (of the value, not its log); gamma: a=mean b=sd;
  // beta: a=mean b=sd; uniform: a=min b=max; triangular: a=min b=mode c=max.
  double a = 0, b = 0, c = 0;
  std::string unit;
  std::string source;
  int year = 0;  // price year of a money amount (0: the prijspeil)
  double indexed_by = 1.0;  // factor applied to bring it to the prijspeil
  std::string file;         // where it was declared (a scenario or an included library), for messages
  int line = 0, column = 0;
  // A derived parameter (`value: "rate_to_prob(r_death)"`): computed in every draw from parameters
  // declared before it (lower index), so it follows their uncertainty.
  bool derived = false;
  Expression formula = Expression::constant(0);
};

// Where a parameter is used, and the range its use allows (checked for every draw).
struct ParameterUse {
  // check: the value is not stored anywhere, only checked against [lo, hi] in every draw (e.g. a
  // displacement share, which enters the amounts as a factor).
  enum class Target { effect_amount, matrix_cell, overlay_value, loonwaarde_mean, loonwaarde_sd, check } target = Target::effect_amount;
  Expression expression = Expression::constant(0);  // a parameter, or arithmetic on parameters
  int index = 0;        // effect index, alternative index for overlays, declared segment for loonwaarde
  int from = 0, to = 0; // matrix cell, or overlay index in `to` for overlays
  double lo = 0, hi = 0;
  std::string path;     // for messages
  std::string file;     // where the use is written
  int line = 0, column = 0;
};

// A transition row drawn per PSA iteration from Dirichlet(concentration x row).
struct RowUncertainty {
  int from = 0;
  double concentration = 0;
};

// cost_effectiveness: the health-economic view (docs/accounting.md, "Kosteneffectiviteit").
struct CostEffectivenessSpec {
  int effect = 0;               // outcome index
  std::vector<int> costs_of;    // stakeholders whose net payments are the costs; empty: all (society)
  std::vector<double> thresholds;  // willingness to pay per unit of effect (NMB, CEAC)
};

struct Bestand;  // models/bestand.hpp
struct Realisatie;  // models/realisatie.hpp

// `plausibility:` the ranges the scenario's sources support for its headline results, so that the
// plausibility section can say whether the run lies inside them (analysis::plausibility) and, if
// not, print the scenario's explanation (`toelichting`).
struct PlausibilityRange {
  double min = 0, max = 0;
  std::string source;
};
struct PlausibilityReference {
  // Extra persons in work per extra trajectory start, in percentage points, at every reported year.
  std::optional<PlausibilityRange> net_effect_pp;
  std::optional<PlausibilityRange> benefit_cost;  // the society benefit/cost ratio
  std::string toelichting;  // why the result may lie outside a range (printed when it does)
};

// `aow:` reaching the AOW age ends participation: in the month a person reaches `age`, every state
// that is not absorbing moves to the exit `state` (docs/scenario-format.md, "aow"). The age is the
// cohort's (population.age + years), as for the time variable `age`.
struct AowSpec {
  double age = 67;
  int state = -1;  // an absorbing state
};

// `population.age` as a distribution (docs/scenario-format.md, "population"): every person belongs
// to one start-age group (the age at time.start) for the whole run; the group is folded into the
// segment index the engine counts by (models/age.hpp), so the kernel is unchanged and every
// expression of `age`, the AOW exit and `mortality` work per group. Reports sum the groups back
// into the scenario's segments.
struct AgeGroups {
  std::vector<double> ages;                // [group]: age at time.start in years, increasing
  std::vector<std::vector<double>> share;  // [declared segment][group]: shares summing to 1
  // `age: screening`: the screened persons' ages (from their birth years) in bands of age at the
  // start: band b is [band_edges[b], band_edges[b + 1]) (the last is open); a group per non-empty
  // band, at the mean age of its persons.
  bool from_screening = false;
  std::vector<double> band_edges;
};

// `mortality:` background mortality from a table of yearly death probabilities by age (a life
// table, `tables`): every month each state that is not absorbing loses 1 - (1 - q(age))^(1/12) of
// its people to `state` before its other moves (docs/scenario-format.md, "mortality").
struct MortalitySpec {
  std::string table;  // a key of Scenario::tables
  int state = -1;     // an absorbing state
};

struct Scenario {
  std::string file;  // the scenario's path, for messages and the manifest
  std::vector<std::string> included_files;  // every file pulled in by `include`, in load order (the manifest)
  std::string name;
  std::string description;
  std::string aanleiding;                // meta.aanleiding: the report's "Aanleiding en probleemanalyse"
  std::vector<std::string> beperkingen;  // meta.beperkingen: the report's limitations, one per item
  int prijspeil = 2025;
  std::string period;  // report period, e.g. "2026-H1"
  std::map<int, double> price_index;  // year -> price index (meta.price_index)
  std::vector<std::string> gemeenten;
  // The segments the engine counts by: the declared segments, or with `loonwaarde` every declared
  // segment x loonwaarde band (index = declared * bands + band). segment_mix, segment_changes and
  // StartGroup::segment refer to the declared segments.
  std::vector<std::string> segments{"alle"};
  std::vector<std::string> declared_segments{"alle"};
  std::vector<int> segment_declared{0};  // [segment]: its declared segment
  std::vector<int> segment_band{0};      // [segment]: its loonwaarde band (0 without loonwaarde)
  std::optional<LoonwaardeSpec> loonwaarde;
  TimeSpec time;
  std::vector<StateSpec> states;
  std::vector<StartGroup> start;
  // With the ontheffing dimension (models/ontheffing.hpp): per declared segment the share of the
  // screened caseload with ontheffing, which new candidates (inflow) of that segment get.
  std::vector<double> ontheffing_share;
  std::string screening_file;          // when the caseload comes from a screening extract
  // The rule that gives a screened person's kwadrant segment from their ZRM scores: at the start
  // (the loader's start groups) and at every rescreening (compile_model()). One rule for both; a
  // scenario cannot declare its own yet, so it is the default.
  SegmentRule segment_rule;
  std::int64_t screening_persons = 0;
  std::int64_t screening_skipped = 0;  // rows skipped in lenient mode
  // The bestandsanalyse of that extract (models/bestand.hpp), computed once when it is read, as
  // `mkba bestand` computes it: the report publishes its cells with the pattern
  // report::bestand_disclosure decides, so both commands hide the same cells.
  std::shared_ptr<const Bestand> screening_bestand;
  // meta.realisatie (resolved against the scenario's folder; --realisatie replaces it), and the
  // realisatie in force once apply_realisatie() set the start from it (models/realisatie.hpp).
  std::string realisatie_file;
  std::shared_ptr<const Realisatie> realisatie;
  std::vector<InflowSpec> inflow;
  std::optional<RescreeningSpec> rescreening;
  Eigen::MatrixXd monthly;  // the nulalternatief's monthly transition matrix [from][to]
  std::vector<std::vector<TransitionOverlay>> segment_changes;  // [declared segment]
  std::vector<int> duration_band_starts{0};                     // months in state
  std::vector<std::vector<TransitionOverlay>> band_changes;     // [band]
  std::vector<YearChanges> year_changes;
  std::vector<double> segment_mix{1.0};                         // [declared segment] of the starting caseload and inflow
  bool cycle_matrix_given = false;  // `monthly` is per cycle (unit: cycle_probability)
  std::vector<AlternativeSpec> alternatives;  // [0] is the nulalternatief
  std::vector<std::string> stakeholders;
  std::vector<std::string> categories;
  std::vector<std::string> outcomes;
  std::vector<EffectSpec> effects;
  std::optional<PlausibilityReference> plausibility_reference;  // `plausibility:`
  double discount_rate = 0.0225;
  DiscountTiming discount_timing = DiscountTiming::start;  // Simpson's rules: counted
  bool discount_timing_given = false;                       // written in the scenario (for the validate notes)
  std::vector<double> outcome_discount_rates;  // [outcome]
  std::vector<double> sensitivity_rates;
  std::optional<CostEffectivenessSpec> cost_effectiveness;
  std::vector<ParameterSpec> parameters;
  std::vector<ParameterUse> parameter_uses;
  // Values that change over time (expressions of cycle, model_time, years or age): transition cells
  // (target matrix_cell) and changes (overlay_value), evaluated per cycle by compile at the draw in
  // force (parameter_values).
  std::vector<ParameterUse> varying_uses;
  std::vector<double> parameter_values;  // [parameter]: the values of the draw in force (instantiate)
  std::map<std::string, Expression::StepTable> tables;  // `tables`: step functions such as a life table
  std::optional<double> start_age;       // population.age: the cohort's age at the start (years)
  std::optional<AowSpec> aow;            // `aow:` the exit at the AOW age
  // population.age as a distribution (start_age then holds the first group's age, so that every
  // rule that needs "an age is given" holds); empty without.
  std::optional<AgeGroups> age_groups;
  std::optional<MortalitySpec> mortality;  // `mortality:` background mortality from a life table
  std::vector<RowUncertainty> row_uncertainty;
  std::vector<int> rest_column;  // [from]: the column that takes up the complement ('rest'), or -1
  std::vector<SourcePos> row_where;  // [from]: where the row of the transition matrix is written
  // Harmless problems the loader accepted (each says what was assumed), and what is worth a
  // reviewer's eye (a fixed effect size without a source): validate and run print them and the
  // manifest records them.
  std::vector<Diagnostic> warnings;
  std::uint64_t seed = 20260101;
  std::optional<std::int64_t> persons;  // simulated persons; default: the real caseload
  int iterations = 1;

  int state_index(const std::string& id) const;  // -1 if unknown
  std::vector<TransitionOverlay>& overlay_list(int list_id);
  double start_population() const;
  SourcePos row_pos(int from) const;  // where row `from` of the transition matrix is written
};

// The one rule for a row of transition probabilities (the base matrix, the matrix in force after
// changes, a PSA draw): every cell in [0, 1] and the row summing to 1. `rest` is the column that
// takes up the complement, or -1. Returns what is wrong in words, or "" for a valid row.
std::string row_problem(const Scenario& s, const Eigen::MatrixXd& p, int from, int rest = -1);

}  // namespace mkba

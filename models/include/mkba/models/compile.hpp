#pragma once
// From a validated scenario to what the engine runs: the compiled model (flat arrays, indices,
// scaled persons) and, per alternative, the valuation plan (the linear map from counts to euros).
#include <mkba/engine/discount.hpp>
#include <mkba/engine/model.hpp>
#include <mkba/engine/valuation.hpp>
#include <mkba/models/scenario.hpp>

#include <cstdint>
#include <optional>

namespace mkba {

struct CompileOptions {
  std::optional<std::int64_t> persons;  // simulated persons at the start; default: scenario, else real caseload
};

// Applies every change of every alternative in every month (segment, duration band) the way
// compile_model() does, so that loading refuses what a run would: a row that stops being a
// probability row, a change never in force, a relative risk on a move of probability 0. Throws
// ScenarioError with the position of the change.
void check_transitions(const Scenario& s);

engine::CompiledModel compile_model(const Scenario& s, const CompileOptions& options = {});

// The valuation plan of alternative `alternative` at annual money discount rate `rate`.
engine::ValuationPlan valuation_plan(const Scenario& s, int alternative, double rate);

// The weights of the state values of cycle t at annual rate `rate`, from time.counting and
// discounting.timing (docs/timing.md): w0[t] on x_t and, for engine::Counting::weighted, w1[t] on
// x_{t+1}. Returns the engine counting that reads them.
engine::Counting state_weights(const Scenario& s, double rate, std::vector<double>& w0, std::vector<double>& w1);

// The per-cycle transition matrix of an alternative in a given cycle (for docs, tests, reports).
// `age_group`: the persons' start-age group (models/age.hpp; 0 without an age distribution).
// `gemeente`: the persons' gemeente, for changes targeted at gemeenten (-1: none of those applies).
// `ontheffing`: 1 with, 0 without ontheffing, for changes limited to either (-1: none of those applies).
Eigen::MatrixXd cycle_matrix(const Scenario& s, int alternative, int cycle, int segment = 0, int band = 0, int age_group = 0,
                             int gemeente = -1, int ontheffing = -1);

// [cycle]: the first cycle whose matrices of alternative `alternative` equal this cycle's for every
// segment, duration band and age group (no change window boundary, calendar year's changes or
// value that changes over time tells them apart); the cycle itself when it is the first.
std::vector<int> first_alike_cycle(const Scenario& s, int alternative);

}  // namespace mkba

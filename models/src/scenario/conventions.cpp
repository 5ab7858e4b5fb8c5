#include <mkba/models/conventions.hpp>

#include <algorithm>

namespace mkba {

std::vector<std::string> convention_notes(const Scenario& s) {
  std::vector<std::string> notes;
  const Counting c = s.time.counting;
  const DiscountTiming d = s.discount_timing;
  const bool annual = s.time.months_per_cycle == 12;
  // Without discounting (every rate 0) the timing makes no difference.
  bool discounted = s.discount_rate != 0;
  for (double r : s.outcome_discount_rates) discounted = discounted || r != 0;
  if (discounted && c == Counting::end && d == DiscountTiming::start)
    notes.push_back("time.counting: end with discounting.timing: start values the state at the END of cycle t with the "
                    "discount factor of its START (1 + r)^-t: published models that count at the end usually discount "
                    "at the end, 1/(1+r)^t for cycle t = 1..n (discounting.timing: end)");
  if (discounted && c == Counting::start && d == DiscountTiming::end)
    notes.push_back("time.counting: start with discounting.timing: end values the state at the START of cycle t with the "
                    "discount factor of its END: unusual; start/start (mkba, heemod) or end/end are the common pairs");
  if (discounted && c == Counting::half_cycle && d == DiscountTiming::end)
    notes.push_back("time.counting: half_cycle with discounting.timing: end: the half-cycle correction is usually "
                    "combined with discounting at the start (heemod's \"life-table\") or each count at its own time "
                    "(darthtools, discounting.timing: counted)");
  if (c == Counting::darthtools_simpson)
    notes.push_back("time.counting: darthtools_simpson reproduces darthtools gen_wcc(\"Simpson1/3\") as coded: its "
                    "weights 1/3, 2/3, 4/3, ..., 1/3 swap the 4/3 and 2/3 of Simpson's rule and do not sum to the number "
                    "of cycles (a constant is not integrated exactly); use simpson for the textbook rule");
  if (!annual && (c == Counting::simpson || c == Counting::darthtools_simpson))
    notes.push_back("Simpson's rule with monthly or quarterly cycles: the within-cycle correction matters little at "
                    "short cycles; published models that use it have annual cycles");
  if (s.time.horizon_years > 60 && s.start.size() > 0 && !s.start_age &&
      std::none_of(s.states.begin(), s.states.end(), [](const StateSpec& st) { return st.kind == StateKind::absorbing; }))
    notes.push_back("a horizon over 60 years without an absorbing state (death) or population.age: over a lifetime "
                    "horizon background mortality is usually modelled (docs/scenario-format.md, \"tables\")");
  return notes;
}

}  // namespace mkba

#pragma once
// The scenario loader (private): one Loader walks the YAML document and fills a Scenario, recording
// every problem as a Diagnostic through the YamlReader. Each part of the format is read in its own
// unit (docs/architecture.md lists them); this header declares them all so that the parts share the
// loader's state (the include stack, the pending library blocks, the memory budget, the value and
// capacity bookkeeping). Parts that need nothing but the reader and the Scenario are free functions
// in load_parts.hpp.
#include "load_parts.hpp"
#include "yaml_reader.hpp"

#include <mkba/models/expression.hpp>
#include <mkba/models/load.hpp>
#include <mkba/models/scenario.hpp>
#include <mkba/models/screening.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace mkba::detail {

class Loader {
 public:
  // Effects from included libraries wait until states, stakeholders and categories are known.
  // Likewise a library's `transitions` (e.g. written by `mkba calibrate --transitions`).
  struct PendingEffects {
    YAML::Node node;
    std::string file;
    bool transitions = false;  // a `transitions` block, not effects
  };

  Loader(YamlReader& r, Scenario& s, std::vector<std::string> include_stack,
         std::shared_ptr<std::vector<PendingEffects>> pending = std::make_shared<std::vector<PendingEffects>>(),
         LoadLimits limits = {})
      : r_(r), s_(s), include_stack_(std::move(include_stack)), pending_(std::move(pending)), limits_(limits) {}

  // load_scenario.cpp: the document, its top-level keys in order, and included libraries.
  void library(const YAML::Node& root);
  void load(const YAML::Node& root);

 private:
  YamlReader& r_;
  Scenario& s_;
  std::vector<std::string> include_stack_;  // canonical paths, outermost first (cycle detection)
  std::shared_ptr<std::vector<PendingEffects>> pending_;
  LoadLimits limits_;
  std::size_t own_capacities_from_ = 0;  // capacity(): limits before this index are inherited (extends)
  int last_varying_ = -1;  // the varying_uses index of the last value() that changes over time, else -1
  // screening(): the extract as read (kept for ontheffing_population()); whether one was given at all.
  std::shared_ptr<const ScreeningData> screening_data_;
  bool screening_given_ = false;

  // load_scenario.cpp
  void includes(const YAML::Node& n);
  void warn(const YAML::Node& at, const std::string& path, const std::string& message);

  // load_meta.cpp: `meta`, `simulation`.
  void meta(const YAML::Node& n);
  void simulation(const YAML::Node& n);

  // load_time.cpp: `time`, windows, `discounting` and the counting/discounting conventions.
  void time(const YAML::Node& n);
  std::optional<YearMonth> year_month(const YAML::Node& n, const std::string& path);
  bool window(const YAML::Node& map, const std::string& path, int& first, int& last, bool own_map = true);
  void discounting(const YAML::Node& n);
  void conventions(const YAML::Node& root);

  // load_states.cpp: `states` and references to a state.
  void states(const YAML::Node& n);
  std::optional<int> state_ref(const YAML::Node& n, const std::string& path);
  std::vector<std::uint8_t> state_mask(const YAML::Node& n, const std::string& path);

  // load_names.cpp: lists of names (stakeholders, categories, segments) and references to a name.
  void names(const YAML::Node& n, const char* key, const std::vector<std::string>& defaults,
             std::vector<std::string>& out);
  std::optional<int> name_ref(const YAML::Node& n, const std::string& path, const std::vector<std::string>& names,
                              const char* what);
  std::vector<std::uint8_t> name_mask(const YAML::Node& n, const std::string& path,
                                      const std::vector<std::string>& names, const char* what);

  // load_outcomes.cpp: `outcomes`, `cost_effectiveness`.
  void outcomes(const YAML::Node& n);
  void cost_effectiveness(const YAML::Node& n);

  // load_parameters.cpp: `parameters`, `tables`, and every value that may use them.
  void parameters(const YAML::Node& n);
  static bool is_formula(const YAML::Node& n);
  bool derived(const YAML::Node& n, const std::string& path, ParameterSpec& spec, const YAML::Node& declared);
  std::optional<double> value(const YAML::Node& n, const std::string& path, double lo, double hi, const char* what,
                              ParameterUse use, bool time_ok = false);
  Expression::Context context(bool time_ok) const;
  void tables(const YAML::Node& n);

  // load_population.cpp: `population` (counts, segment mix, age) and its `inflow`.
  void population(const YAML::Node& n);
  void state_counts(const YAML::Node& n, const std::string& path, int gemeente);
  void inflow(const YAML::Node& n);

  // load_screening.cpp: `population.screening` (the caseload from a ZRM extract) and `rescreening`.
  void screening(const YAML::Node& n);
  void rescreening(const YAML::Node& n);

  // load_ontheffing.cpp: `ontheffing: ja/nee` on a change or capacity limit, and the caseload split
  // by it once the whole document is read (models/ontheffing.hpp).
  std::optional<int> ontheffing_side(const YAML::Node& n, const std::string& path);
  void ontheffing_population();

  // load_transitions.cpp: `transitions` (the base matrix and its variations by segment, duration, year).
  void transitions(const YAML::Node& n);
  void variations(const YAML::Node& n);
  void change_list(const YAML::Node& n, const std::string& path, std::vector<TransitionOverlay>& list, int list_id);

  // load_changes.cpp: one change to a transition (windows, targeting, fading).
  void overlay(const YAML::Node& o, const std::string& path, std::vector<TransitionOverlay>& list, int list_id,
               bool allow_window = true);
  bool overlay_to(const YAML::Node& o, const std::string& path, std::vector<TransitionOverlay>& list, int list_id,
                  int from, int to, bool policy);
  void warn_if_unsourced(const YAML::Node& n, const std::string& path, const ParameterUse* use);
  bool gemeenten(const YAML::Node& n, const std::string& path, TransitionOverlay& ov);
  bool fade(const YAML::Node& f, const std::string& path, TransitionOverlay& ov);
  void fading_bands();

  // load_alternatives.cpp: `nulalternatief`, `alternatives` (labels, extends, changes).
  void alternatives(const YAML::Node& base, const YAML::Node& alts);

  // load_capacity.cpp: an alternative's `capacity` limits.
  void capacity(const YAML::Node& c, const std::string& path, AlternativeSpec& alt);

  // load_loonwaarde.cpp: `loonwaarde` and the segments the engine counts by.
  void loonwaarde(const YAML::Node& n);
  void expand_segments();

  // load_effects.cpp: `effects` (amounts, bases, targeting, displacement).
  void effects(const YAML::Node& n);
  void effect(const YAML::Node& e, const std::string& path);
};

// Checks after the whole document is read, in this order (load_scenario()).
// load_transitions.cpp: a row with an uncertain or time-varying cell needs a 'rest' cell.
void check_rest_cells(const Scenario& s, std::vector<Diagnostic>& diags);
// load_parameters.cpp: amounts in another price year than the prijspeil, indexed once.
void index_prices(Scenario& s, std::vector<Diagnostic>& diags);

}  // namespace mkba::detail

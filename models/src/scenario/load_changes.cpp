// One change to a transition (`from`, `to`, a relative risk or probability, and for an alternative's
// change a window, target segments and fading), and the duration bands that fading needs.
#include "loader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace mkba::detail {
namespace {

constexpr const char* kAllExits = "all_exits";  // `to:` of a change on every move out of a state

}  // namespace

// One change to a transition; `list_id` says which list it lands in (see overlay_list()).
void Loader::overlay(const YAML::Node& o, const std::string& path, std::vector<TransitionOverlay>& list, int list_id,
                     bool allow_window) {
  if (!r_.expect_map(o, path)) return;
  if (allow_window)
    r_.check_keys(o, path,
                  {"from", "to", "relative_risk", "probability", "window", "segments", "gemeenten", "ontheffing", "fade"});
  else
    r_.check_keys(o, path, {"from", "to", "relative_risk", "probability", "ontheffing"});
  auto fn = r_.required(o, "from", path);
  auto tn = r_.required(o, "to", path);
  const int from = fn ? state_ref(*fn, join_path(path, "from")).value_or(-1) : -1;
  // `to: all_exits`: the same relative risk on every move out of `from` (one change per other state).
  if (tn && tn->IsScalar() && tn->Scalar() == kAllExits && s_.state_index(kAllExits) < 0) {
    if (from < 0) return;
    if (!o["relative_risk"].IsDefined() || o["probability"].IsDefined()) {
      r_.error(*tn, join_path(path, "to"), "'to: all_exits' takes a relative_risk (the same factor on every move "
                                           "out of the state), not a probability");
      return;
    }
    const std::size_t before = list.size();
    for (int to = 0; to < static_cast<int>(s_.states.size()); ++to)
      if (to != from && !overlay_to(o, path, list, list_id, from, to, allow_window)) {
        list.resize(before);
        return;
      }
    return;
  }
  const int to = tn ? state_ref(*tn, join_path(path, "to")).value_or(-1) : -1;
  if (from < 0 || to < 0) return;
  if (from == to) {
    r_.error(*tn, join_path(path, "to"), "a change must name a move to another state; staying takes up the complement");
    return;
  }
  overlay_to(o, path, list, list_id, from, to, allow_window);
}

// The change `o` on the move from -> to; false (after reporting) when it is wrong. `policy`: an
// alternative's change (windows, targeting, fading; an unsourced fixed size is worth a warning).
bool Loader::overlay_to(const YAML::Node& o, const std::string& path, std::vector<TransitionOverlay>& list, int list_id,
                        int from, int to, bool policy) {
  TransitionOverlay ov;
  if (s_.states[static_cast<std::size_t>(from)].kind == StateKind::absorbing) {
    r_.error(o["from"], join_path(path, "from"), fmt::format("state '{}' is absorbing (kind: absorbing): no change can move "
                                                           "persons out of it", s_.states[static_cast<std::size_t>(from)].id));
    return false;
  }
  ov.from = from;
  ov.to = to;
  const bool rr = o["relative_risk"].IsDefined(), pr = o["probability"].IsDefined();
  const auto uses_before = s_.parameter_uses.size();
  if (rr == pr) {
    r_.error(o, path, "expected exactly one of 'relative_risk' or 'probability'");
    return false;
  }
  if (rr) {
    ParameterUse use;
    use.target = ParameterUse::Target::overlay_value;
    use.index = list_id;
    use.to = static_cast<int>(list.size());
    auto v = value(o["relative_risk"], join_path(path, "relative_risk"), 0, 1e3, "a relative risk", use, true);
    if (!v) return false;
    ov.kind = TransitionOverlay::Kind::relative_risk;
    ov.value = *v;
    ov.varying = last_varying_;
  } else {
    ParameterUse use;
    use.target = ParameterUse::Target::overlay_value;
    use.index = list_id;
    use.to = static_cast<int>(list.size());
    auto v = value(o["probability"], join_path(path, "probability"), 0, 1, "a monthly probability", use, true);
    if (!v) return false;
    ov.kind = TransitionOverlay::Kind::probability;
    ov.value = *v;
    ov.varying = last_varying_;
  }
  if (o["window"].IsDefined() && !window(o["window"], join_path(path, "window"), ov.first_month, ov.last_month))
    return false;
  if (policy)
    warn_if_unsourced(rr ? o["relative_risk"] : o["probability"], join_path(path, rr ? "relative_risk" : "probability"),
                      s_.parameter_uses.size() > uses_before ? &s_.parameter_uses.back() : nullptr);
  if (o["segments"].IsDefined()) ov.segments = name_mask(o["segments"], join_path(path, "segments"), s_.segments, "segment");
  if (o["gemeenten"].IsDefined() && !gemeenten(o["gemeenten"], join_path(path, "gemeenten"), ov)) return false;
  if (o["ontheffing"].IsDefined()) {  // only persons with or without ontheffing (models/ontheffing.hpp)
    const auto side = ontheffing_side(o["ontheffing"], join_path(path, "ontheffing"));
    if (!side) return false;
    ov.ontheffing = *side;
  }
  if (o["fade"].IsDefined() && !fade(o["fade"], join_path(path, "fade"), ov)) return false;
  // The changed row must stay a probability row: checked on the matrix in force in every month
  // (check_transitions(), the rule compile_model() applies).
  ov.where = {r_.file(), o.Mark().line + 1, o.Mark().column + 1, path};
  list.push_back(ov);
  return true;
}

// `gemeenten: [..]`: the change holds only for persons of these gemeenten; their gemeente becomes part
// of the engine segment (models/gemeente_targeting.hpp).
bool Loader::gemeenten(const YAML::Node& n, const std::string& path, TransitionOverlay& ov) {
  if (n.IsSequence() && n.size() == 0) {
    r_.error(n, path, "expected at least one gemeente, found an empty list; leave 'gemeenten' out to apply the change "
                      "in every gemeente");
    return false;
  }
  ov.gemeenten = name_mask(n, path, s_.gemeenten, "gemeente");
  // (with rescreening the kernel keeps the gemeente class when it recomputes the kwadrant)
  return std::find(ov.gemeenten.begin(), ov.gemeenten.end(), 1) != ov.gemeenten.end();  // (else reported)
}

// An alternative's effect size that is fixed and has no source is allowed, but a reviewer should
// see it: a warning (mkba validate, mkba run). Uncertain or sourced parameters pass.
void Loader::warn_if_unsourced(const YAML::Node& n, const std::string& path, const ParameterUse* use) {
  if (use != nullptr)
    for (int k : use->expression.parameters()) {
      const auto& p = s_.parameters[static_cast<std::size_t>(k)];
      if (p.distribution != Distribution::fixed || !p.source.empty()) return;
    }
  warn(n, path, fmt::format("the effect size '{}' is fixed and has no source; give it as a parameter with a "
                            "distribution and a source (docs/scenario-format.md)", n.Scalar()));
}

// Durability of a change: `fade: {half_life_months: H}` or `fade: {after_months: {0: 1, 12: 0.5, 24: 0}}`
// (months in the `from` state -> the share of the change still in force; docs/scenario-format.md).
bool Loader::fade(const YAML::Node& f, const std::string& path, TransitionOverlay& ov) {
  if (!r_.expect_map(f, path)) return false;
  r_.check_keys(f, path, {"half_life_months", "after_months"});
  const bool hl = f["half_life_months"].IsDefined(), table = f["after_months"].IsDefined();
  if (hl == table) {
    r_.error(f, path, "expected exactly one of 'half_life_months' or 'after_months'");
    return false;
  }
  if (hl) {
    auto h = r_.number_in(f["half_life_months"], join_path(path, "half_life_months"), 1, 600, "a half-life in months");
    if (!h) return false;
    // Steps of half a half-life, each at the factor of its middle, up to four half-lives; then 0.
    const int step = std::max(1, static_cast<int>(std::lround(*h / 2)));
    for (int k = 0; k < 8; ++k) {
      ov.fade_starts.push_back(k * step);
      ov.fade_factors.push_back(std::pow(0.5, (k * step + step / 2.0) / *h));
    }
    ov.fade_starts.push_back(8 * step);
    ov.fade_factors.push_back(0.0);
    return true;
  }
  const YAML::Node t = f["after_months"];
  const std::string tp = join_path(path, "after_months");
  if (!r_.expect_map(t, tp)) return false;
  for (const auto& kv : t) {
    const std::string p = join_path(tp, kv.first.Scalar());
    auto m = r_.integer_in(kv.first, p, 0, 600);
    auto v = r_.number_in(kv.second, p, 0, 1, "the share of the change still in force");
    if (!m || !v) return false;
    if (!ov.fade_starts.empty() && *m <= ov.fade_starts.back()) {
      r_.error(kv.first, p, fmt::format("expected increasing months in state, found {} after {}", *m, ov.fade_starts.back()));
      return false;
    }
    ov.fade_starts.push_back(static_cast<int>(*m));
    ov.fade_factors.push_back(*v);
  }
  if (ov.fade_starts.empty() || ov.fade_starts.front() != 0) {
    r_.error(t, tp, "expected the table to start at 0 months in state");
    return false;
  }
  return true;
}

// Every start of a fading step becomes a duration band (so the kernel's months-in-state bands
// carry it): bands are split, the changes of a split band hold in both parts.
void Loader::fading_bands() {
  std::vector<int> starts = s_.duration_band_starts;
  for (const auto& a : s_.alternatives)
    for (const auto& o : a.overlays) starts.insert(starts.end(), o.fade_starts.begin(), o.fade_starts.end());
  std::sort(starts.begin(), starts.end());
  starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
  if (starts == s_.duration_band_starts) return;
  if (starts.size() > 32) {
    r_.error_at(0, 0, "alternatives",
                fmt::format("the duration bands and the steps of fading changes need {} bands in all; at most 32 "
                            "are supported (use fewer steps in 'fade')", starts.size()));
    return;
  }
  std::vector<int> old_of(starts.size(), 0);  // new band -> the old band it lies in
  for (std::size_t j = 0; j < starts.size(); ++j)
    for (std::size_t b = 0; b < s_.duration_band_starts.size(); ++b)
      if (s_.duration_band_starts[b] <= starts[j]) old_of[j] = static_cast<int>(b);
  std::vector<std::vector<TransitionOverlay>> lists(starts.size());
  if (!s_.band_changes.empty())
    for (std::size_t j = 0; j < starts.size(); ++j) lists[j] = s_.band_changes[static_cast<std::size_t>(old_of[j])];
  std::vector<ParameterUse> uses;
  for (const auto& u : s_.parameter_uses) {
    const bool band_use = u.target == ParameterUse::Target::overlay_value && u.index >= kBandList && u.index < kYearList;
    if (!band_use) {
      uses.push_back(u);
      continue;
    }
    for (std::size_t j = 0; j < starts.size(); ++j)
      if (old_of[j] == u.index - kBandList) {
        ParameterUse copy = u;
        copy.index = kBandList + static_cast<int>(j);
        uses.push_back(copy);
      }
  }
  s_.parameter_uses = std::move(uses);
  s_.band_changes = std::move(lists);
  s_.duration_band_starts = std::move(starts);
}

}  // namespace mkba::detail

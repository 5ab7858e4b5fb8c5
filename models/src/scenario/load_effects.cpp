// `effects`: what is valued (category, type, payer and receiver, or an outcome), on what basis
// (months in a state, a move, an entry), how much, where and when, and displacement.
#include "loader.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace mkba::detail {

void Loader::effects(const YAML::Node& n) {
  if (!r_.expect_sequence(n, "effects")) return;
  for (std::size_t i = 0; i < n.size(); ++i) effect(n[i], fmt::format("effects[{}]", i));
}

void Loader::effect(const YAML::Node& e, const std::string& path) {
  if (!r_.expect_map(e, path)) return;
  if (e["ontheffing"].IsDefined()) {  // (traces are valued summed over ontheffing: models/ontheffing.hpp)
    r_.error(e["ontheffing"], join_path(path, "ontheffing"),
             "an amount cannot yet differ by ontheffing (only rates, changes and capacity can): leave 'ontheffing' "
             "out of the effect");
    return;
  }
  r_.check_keys(e, path, {"name", "category", "type", "payer", "receiver", "outcome", "per_month_in",
                          "per_transition", "per_entry", "amount", "per", "alternatives", "window", "source",
                          "segments", "gemeenten", "displacement"});
  EffectSpec spec;
  auto& item = spec.item;
  if (auto n = r_.required(e, "name", path)) spec.name = r_.string(*n, join_path(path, "name")).value_or("");
  if (e["source"].IsDefined()) spec.source = r_.string(e["source"], join_path(path, "source")).value_or("");
  const bool is_outcome = e["outcome"].IsDefined();
  if (is_outcome) {
    auto o = name_ref(e["outcome"], join_path(path, "outcome"), s_.outcomes, "outcome");
    if (!o) return;
    item.outcome = *o;
    for (const char* k : {"category", "type", "payer", "receiver"})
      if (e[k].IsDefined()) r_.error(e[k], join_path(path, k), "a non-monetary outcome has no category, type, payer or receiver");
  } else {
    if (auto n = r_.required(e, "category", path)) {
      auto c = name_ref(*n, join_path(path, "category"), s_.categories, "category");
      if (!c) return;
      item.category = *c;
    }
    auto type = r_.required(e, "type", path);
    auto t = type ? r_.choice(*type, join_path(path, "type"), {"real", "transfer"}) : std::nullopt;
    if (!t) return;
    item.transfer = *t == "transfer";
    if (e["payer"].IsDefined()) {
      auto p = name_ref(e["payer"], join_path(path, "payer"), s_.stakeholders, "stakeholder");
      if (!p) return;
      item.payer = *p;
    }
    if (e["receiver"].IsDefined()) {
      auto p = name_ref(e["receiver"], join_path(path, "receiver"), s_.stakeholders, "stakeholder");
      if (!p) return;
      item.receiver = *p;
    }
    if (item.transfer && (item.payer < 0 || item.receiver < 0)) {
      r_.error(e, path, "a transfer needs both a payer and a receiver (one's loss is the other's gain)");
      return;
    }
    if (item.transfer && item.payer == item.receiver) {
      r_.error(e, path, "a transfer's payer and receiver must differ");
      return;
    }
    if (!item.transfer && (item.payer >= 0) == (item.receiver >= 0)) {
      r_.error(e, path, "a real effect has either a payer (a cost: resources used) or a receiver "
                        "(a benefit: resources or welfare created), not both and not neither");
      return;
    }
  }
  const int bases = (e["per_month_in"].IsDefined() ? 1 : 0) + (e["per_transition"].IsDefined() ? 1 : 0) +
                    (e["per_entry"].IsDefined() ? 1 : 0);
  if (bases != 1) {
    r_.error(e, path, "expected exactly one of 'per_month_in', 'per_transition' or 'per_entry'");
    return;
  }
  if (e["per_month_in"].IsDefined()) {
    item.basis = engine::Basis::per_cycle_in_state;
    item.states = state_mask(e["per_month_in"], join_path(path, "per_month_in"));
  } else if (e["per_entry"].IsDefined()) {
    item.basis = engine::Basis::per_entry;
    item.states = state_mask(e["per_entry"], join_path(path, "per_entry"));
  } else {
    item.basis = engine::Basis::per_transition;
    const YAML::Node pt = e["per_transition"];
    const std::string pp = join_path(path, "per_transition");
    if (!r_.expect_map(pt, pp)) return;
    r_.check_keys(pt, pp, {"from", "to"});
    auto f = r_.required(pt, "from", pp);
    auto t = r_.required(pt, "to", pp);
    if (!f || !t) return;
    item.from = state_mask(*f, join_path(pp, "from"));
    item.to = state_mask(*t, join_path(pp, "to"));
  }
  // `per`: the unit of the amount: a time unit for time spent in a state (month, the default;
  // year; cycle), or per fte (each person counts with the part-time factor of the state they are
  // in, or move into for per_transition; per month for per_month_in) instead of per person.
  if (e["per"].IsDefined()) {
    auto u = r_.choice(e["per"], join_path(path, "per"), {"month", "cycle", "year", "person", "fte"});
    if (!u) return;
    const bool time_unit = *u == "month" || *u == "cycle" || *u == "year";
    if (time_unit && !e["per_month_in"].IsDefined()) {
      r_.error(e["per"], join_path(path, "per"),
               "'per' gives the time unit of an amount for time spent in a state (per_month_in); a one-off "
               "amount (per_transition, per_entry) is per event");
      return;
    }
    if (time_unit) spec.per_months = *u == "month" ? 1 : *u == "year" ? 12 : s_.time.months_per_cycle;
    if (*u == "fte")
      for (const auto& st : s_.states) item.state_factor.push_back(st.fte);
  }
  Expression amount_expr = Expression::constant(0);
  if (auto a = r_.required(e, "amount", path); a && a->IsScalar() && (a->Scalar() == "pm" || a->Scalar() == "PM")) {
    // A PM item: an effect without a price, named in the report and valued at 0 (docs/accounting.md).
    spec.unpriced = true;
    item.amount = 0;
    if (e["displacement"].IsDefined()) {
      r_.error(e["displacement"], join_path(path, "displacement"), "a PM item has no amount to displace");
      return;
    }
    if (spec.source.empty()) r_.error(e, path, "a PM item needs a 'source' saying what the effect is and why it has no price");
  } else if (a) {
    ParameterUse use;
    use.target = ParameterUse::Target::effect_amount;
    use.index = static_cast<int>(s_.effects.size());
    const auto n_uses = s_.parameter_uses.size();
    auto v = value(*a, join_path(path, "amount"), is_outcome ? -1e9 : 0.0, 1e9,
                   is_outcome ? "a quantity" : "an amount (>= 0: the sign follows from payer and receiver)", use);
    if (!v) return;
    item.amount = *v;
    amount_expr = s_.parameter_uses.size() > n_uses ? s_.parameter_uses.back().expression : Expression::constant(*v);
  } else {
    return;
  }
  if (e["segments"].IsDefined())
    item.segments = name_mask(e["segments"], join_path(path, "segments"), s_.segments, "segment");
  if (e["gemeenten"].IsDefined())
    item.gemeenten = name_mask(e["gemeenten"], join_path(path, "gemeenten"), s_.gemeenten, "gemeente");
  if (e["alternatives"].IsDefined()) {
    const YAML::Node a = e["alternatives"];
    const std::string ap = join_path(path, "alternatives");
    if (r_.expect_sequence(a, ap) && a.size() == 0) {
      r_.error(a, ap, "expected at least one alternative, found an empty list (which would apply the effect in "
                      "none, or be read as all); leave 'alternatives' out to apply the effect in every alternative");
      return;
    }
    if (a.IsSequence()) {
      std::vector<std::string> ids;
      for (const auto& alt : s_.alternatives) ids.push_back(alt.id);
      for (std::size_t i = 0; i < a.size(); ++i)
        if (auto k = name_ref(a[i], fmt::format("{}[{}]", ap, i), ids, "alternative")) spec.alternatives.push_back(*k);
    }
  }
  if (e["window"].IsDefined()) {
    if (!window(e["window"], join_path(path, "window"), item.first_cycle, item.last_cycle)) return;
  }
  const YAML::Node disp = e["displacement"];
  if (!disp.IsDefined()) {
    s_.effects.push_back(spec);
    return;
  }
  // Displacement (verdringing): a share of this production is not additional for society. It is
  // its own real line, category 'verdringing', borne by `payer` (default 'overig': the displaced
  // workers and the rest of society), so the verdelingstabel shows the gross and the net production.
  const std::string dp = join_path(path, "displacement");
  if (is_outcome || item.transfer || item.receiver < 0) {
    r_.error(disp, dp, "displacement applies to a real benefit (a production effect with a receiver)");
    return;
  }
  // (YAML::Node assignment writes through to the document, so the share node is picked, not assigned.)
  int bearer = -1;
  if (disp.IsMap()) {
    r_.check_keys(disp, dp, {"share", "payer"});
    if (!r_.required(disp, "share", dp)) return;
    if (disp["payer"].IsDefined()) {
      auto b = name_ref(disp["payer"], join_path(dp, "payer"), s_.stakeholders, "stakeholder");
      if (!b) return;
      bearer = *b;
    }
  }
  if (bearer < 0) {
    const auto it = std::find(s_.stakeholders.begin(), s_.stakeholders.end(), "overig");
    bearer = it != s_.stakeholders.end() ? static_cast<int>(it - s_.stakeholders.begin()) : item.receiver;
  }
  ParameterUse check;
  check.target = ParameterUse::Target::check;
  const auto n_uses = s_.parameter_uses.size();
  const std::string share_path = disp.IsMap() ? join_path(dp, "share") : dp;
  auto share = value(disp.IsMap() ? disp["share"] : disp, share_path, 0, 1, "a displacement share", check);
  if (!share) return;
  const Expression share_expr =
      s_.parameter_uses.size() > n_uses ? s_.parameter_uses.back().expression : Expression::constant(*share);
  s_.effects.push_back(spec);
  EffectSpec line = spec;
  line.name = spec.name + " (verdringing)";
  line.displaces = static_cast<int>(s_.effects.size()) - 1;
  auto cat = std::find(s_.categories.begin(), s_.categories.end(), "verdringing");
  if (cat == s_.categories.end()) {
    s_.categories.push_back("verdringing");
    cat = s_.categories.end() - 1;
  }
  line.item.category = static_cast<int>(cat - s_.categories.begin());
  line.item.receiver = -1;
  line.item.payer = bearer;
  line.item.amount = item.amount * *share;
  ParameterUse use;
  use.target = ParameterUse::Target::effect_amount;
  use.index = static_cast<int>(s_.effects.size());
  use.expression = amount_expr.times(share_expr);
  use.lo = 0;
  use.hi = 1e9;
  use.path = dp;
  use.file = r_.file();
  use.line = disp.Mark().line + 1;
  use.column = disp.Mark().column + 1;
  s_.parameter_uses.push_back(use);
  s_.effects.push_back(line);
}

}  // namespace mkba::detail

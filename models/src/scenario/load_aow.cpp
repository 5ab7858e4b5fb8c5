// `aow:` reaching the AOW age ends participation: the age and the exit state it leads to
// (docs/scenario-format.md, "aow"). The persons' age is the cohort's, population.age.
#include "load_parts.hpp"

#include <fmt/format.h>

namespace mkba::detail {

void load_aow(YamlReader& r, const YAML::Node& n, Scenario& s) {
  if (!r.expect_map(n, "aow")) return;
  r.check_keys(n, "aow", {"age", "to"});
  auto age = r.required(n, "age", "aow");
  auto to = r.required(n, "to", "aow");
  if (!age || !to) return;
  const auto a = r.number_in(*age, "aow.age", 50, 80, "the AOW age in years");
  const auto id = r.identifier(*to, "aow.to");
  if (!a || !id) return;
  const int state = s.state_index(*id);
  if (state < 0) {
    std::vector<std::string> ids;
    for (const auto& st : s.states) ids.push_back(st.id);
    r.error(*to, "aow.to", fmt::format("expected a declared state, found '{}'{}", *id, did_you_mean(*id, ids)));
    return;
  }
  if (s.states[static_cast<std::size_t>(state)].kind != StateKind::absorbing) {
    r.error(*to, "aow.to", fmt::format("expected an exit (a state of kind absorbing), found '{}'", *id));
    return;
  }
  if (!s.start_age) {
    r.error(n, "aow", "the AOW exit needs the persons' age at the start: give population.age");
    return;
  }
  s.aow = AowSpec{*a, state};
}

}  // namespace mkba::detail

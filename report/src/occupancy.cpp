#include <mkba/report/occupancy.hpp>

#include <fmt/format.h>

namespace mkba::report {

std::string occupancy_csv(const Scenario& s, const analysis::RunResult& r) {
  std::string out = "alternatief,maand";
  for (const auto& st : s.states) out += "," + st.id;
  out += ",totaal\n";
  const int m = s.time.months_per_cycle;
  for (const auto& alt : r.alternatives) {
    const auto& tr = alt.trace;
    for (int t = 0; t <= tr.n_cycles; ++t) {
      YearMonth ym = s.time.start;
      const int months = ym.month - 1 + t * m;
      ym.year += months / 12;
      ym.month = months % 12 + 1;
      out += fmt::format("{},{}", alt.id, ym.str());
      double total = 0;
      for (int st = 0; st < tr.n_states; ++st) {
        const double x = tr.state_total(t, st);
        total += x;
        out += fmt::format(",{:.2f}", x);
      }
      out += fmt::format(",{:.2f}\n", total);
    }
  }
  return out;
}

}  // namespace mkba::report

// The realisatie's monthly moves as aggregate evidence for the calibration (calibrate.hpp,
// AggregateEvidence; docs/calibration.md, "Adding the realisatie").
#include <mkba/models/calibrate.hpp>
#include <mkba/models/errors.hpp>
#include <mkba/models/realisatie.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace mkba {

namespace {
std::size_t sz(int i) { return static_cast<std::size_t>(i); }
}  // namespace

AggregateEvidence realisatie_evidence(const Realisatie& r, const std::vector<std::string>& by) {
  for (const auto& key : by) {
    if (key != "kwadrant" && key != "gemeente")
      throw UsageError(fmt::format("--by: expected kwadrant and/or gemeente, found '{}'", key));
    if (key == "kwadrant" && !r.has_kwadrant)
      throw UsageError(fmt::format("--by kwadrant: {} has no kwadrant column, so its moves have no kwadrant; leave "
                                   "kwadrant out of --by or export the realisatie per kwadrant", r.file));
  }
  const int ns = static_cast<int>(r.states.size());
  AggregateEvidence ev;
  ev.file = r.file;
  ev.states = r.states;
  auto label_of = [&](const RealisatieRow& row) {
    return calibration_segment_label(by, row.kwadrant, r.gemeenten[sz(row.gemeente)]);
  };
  std::set<std::string> labels;
  for (const auto& row : r.rows) labels.insert(label_of(row));
  ev.segments.assign(labels.begin(), labels.end());
  const std::size_t ng = ev.segments.size();
  ev.exposure.assign(ng, std::vector<double>(sz(ns), 0.0));
  ev.moves.assign(ng, std::vector<std::vector<double>>(sz(ns), std::vector<double>(sz(ns), 0.0)));
  ev.persons.assign(ng, 0);
  auto segment_of = [&](const RealisatieRow& row) {
    return static_cast<std::size_t>(std::lower_bound(ev.segments.begin(), ev.segments.end(), label_of(row)) -
                                    ev.segments.begin());
  };
  std::map<std::pair<int, std::size_t>, std::int64_t> caseload;  // (month, segment): persons in all states
  for (const auto& row : r.rows) {
    const int m = row.month.months_since(r.first_month);
    caseload[{m, segment_of(row)}] += row.stand;
  }
  for (const auto& [key, persons] : caseload) ev.persons[key.second] = std::max(ev.persons[key.second], persons);
  // Months at risk: every stand of month m-1, less the next month's vertrek; moves: month m's naar_.
  const int last = r.last_month.months_since(r.first_month);
  for (const auto& row : r.rows) {
    const int m = row.month.months_since(r.first_month);
    if (m < last) ev.exposure[segment_of(row)][sz(row.state)] += static_cast<double>(row.stand);
    if (m == 0) continue;  // the opening stand: its moves came from a month outside the file
    const std::size_t g = segment_of(row);
    ev.exposure[g][sz(row.state)] -= static_cast<double>(row.vertrek);
    for (int j = 0; j < ns && sz(j) < row.naar.size(); ++j)
      if (j != row.state) ev.moves[g][sz(row.state)][sz(j)] += static_cast<double>(row.naar[sz(j)]);
  }
  ev.months = last;
  return ev;
}

}  // namespace mkba

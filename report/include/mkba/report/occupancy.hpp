#pragma once
// State occupancy per alternative in real persons, as machine-readable CSV (bezetting.csv). It is
// written from the report's protected region tables (start of each year), never from the raw
// trace: the gemeente appendices publish the same cells, so region minus the large gemeenten must
// not give away a small gemeente's suppressed counts (issue 19: disclosure is a property of what is
// published).
#include <mkba/models/scenario.hpp>
#include <mkba/report/tables.hpp>

#include <string>

namespace mkba::report {

std::string occupancy_csv(const Scenario& s, const ReportTables& t, double threshold);

}  // namespace mkba::report

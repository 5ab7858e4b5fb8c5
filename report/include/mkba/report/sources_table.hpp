#pragma once
// The workbook's Bronnen sheet: the bronnenlijst of bibliography.hpp (the one table from what a
// `source:` text cites to the full reference, and the one rule for assumptions) as Tables.
#include <mkba/report/bibliography.hpp>
#include <mkba/report/lang.hpp>
#include <mkba/report/tables.hpp>

namespace mkba::report {

// The references the scenario's effects and parameters cite: key, full reference, and the effects
// and parameters citing each (after the first 12, how many more).
Table sources_table(const Bibliography& b, Lang lang);
// Effects and parameters resting on an assumption (no source, or tagged [U]), with their source text.
Table assumptions_table(const Bibliography& b, Lang lang);
// Effects and parameters whose source names no reference of the table and is no assumption.
Table other_sources_table(const Bibliography& b, Lang lang);

}  // namespace mkba::report

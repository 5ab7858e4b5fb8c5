#pragma once
// The bronnenlijst: the one table from the short citations in scenarios (`source:` of effects and
// parameters, e.g. "CPB/SCP 2020", "Stcrt 2014-29290", "mkba-nl 3.3") to the full references in
// docs/sources.md. The workbook's Bronnen sheet and the HTML report's bronnenlijst both render
// sources_table(); values without a source or marked [U] are listed by assumptions_table().
#include <mkba/models/scenario.hpp>
#include <mkba/report/lang.hpp>
#include <mkba/report/tables.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace mkba::report {

struct SourceReference {
  std::string key;                  // short form, as scenarios cite it
  std::string reference;            // the full reference (docs/sources.md)
  std::vector<std::string> cues;    // a source text citing it contains one of these
};

// Every reference mkba knows, in the order of docs/sources.md.
const std::vector<SourceReference>& source_references();

// Indices into source_references() that a `source:` text cites (by cue, and by the numbered
// reference sections "mkba-nl 3.3, 3.11" of the shipped scenarios), ascending, each once.
std::vector<std::size_t> cited_references(std::string_view source_text);

// A value rests on an assumption: no source, tagged [U] (docs/sources.md), or citing no known reference.
bool is_assumption(std::string_view source_text);

// The references the scenario's effects and parameters cite: key, full reference, and the effects
// and parameters citing each.
Table sources_table(const Scenario& s, Lang lang);
// Effects and parameters without a source or tagged [U], with their source text.
Table assumptions_table(const Scenario& s, Lang lang);

}  // namespace mkba::report

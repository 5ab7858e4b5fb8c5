#pragma once
// The bronnenlijst (issue 17): every reference a value of the scenario cites, with its full
// reference, and the values that rest on assumptions. The mapping from what a `source:` field says
// ("mkba-nl 3.3", "Stcrt 2014-29290", "CPB/SCP 2020", ...) to full references is one table, in
// report/src/bibliography.cpp; docs/sources.md documents the same codes (a test keeps them equal).
// The HTML report's Bronnen section and the workbook's Bronnen sheet (sources_table.hpp) both
// render bibliography(); which values are assumptions is source_is_assumption() (models/assumption.hpp).
#include <mkba/models/scenario.hpp>
#include <mkba/report/lang.hpp>

#include <string>
#include <vector>

namespace mkba::report {

struct CitedReference {
  std::string key;                     // short key, e.g. "CPB/SCP (2020)"
  std::string reference;               // the full reference (Dutch; titles as published)
  std::vector<std::string> cited_by;   // effect names and parameter ids, in scenario order
};

struct Bibliography {
  std::vector<CitedReference> references;  // in the order of the reference table
  // Values whose source_is_assumption() (no source, or tagged [U]): "id" and the source text ("-" if none).
  std::vector<std::pair<std::string, std::string>> assumptions;
  // Sourced values, no assumption, whose source names no reference in the table (shown with their own text).
  std::vector<std::pair<std::string, std::string>> other;
};

// The reference keys a source text cites (table order, each once).
std::vector<std::string> cited_keys(const std::string& source);
// Every code of the table (e.g. "mkba-nl 3.3", "Stcrt 2014-29290"), for the docs test.
std::vector<std::string> source_codes();

Bibliography bibliography(const Scenario& s);

}  // namespace mkba::report

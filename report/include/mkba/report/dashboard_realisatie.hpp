#pragma once
// The dashboard's "Realisatie" section (issue 18): the realised monthly figures of a realisatie
// file (models/realisatie.hpp) per gemeente and state, summed over the kwadranten: the stand at the
// end of the month, the instroom into the caseload, the uitstroom (vertrek plus moves to regulier
// werk) and, when the file has them, the places used. Every number is a cell of one
// report::protect problem for the whole file: the states add up to the gemeente's total, the
// gemeenten to the region, and the months are tied by the caseload's own accounting (the total
// stand of a month is the previous stand plus instroom minus vertrek), so no hidden cell follows by
// subtraction, not even across months.
#include <mkba/models/realisatie.hpp>
#include <mkba/report/disclosure.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace mkba::report {

struct RealisatieFigures {
  std::vector<std::string> gemeenten, states;
  std::vector<YearMonth> months;
  int work = -1;              // the state 'regulier' (moves to it count as uitstroom), -1 if absent
  bool has_plaatsen = false;  // some row gives plaatsen
  // [(m * (G + 1) + g) * (S + 1) + s]; g == G the region, s == S all states.
  std::vector<double> stand, instroom, uitstroom, plaatsen;
  // Not published, but tied to the published cells by the accounting (and protected with them):
  // [m * (G + 1) + g], all states.
  std::vector<double> vertrek, naar_werk;
  std::size_t at(int m, int g, int s) const {
    return (static_cast<std::size_t>(m) * (gemeenten.size() + 1) + static_cast<std::size_t>(g)) * (states.size() + 1) +
           static_cast<std::size_t>(s);
  }
};

RealisatieFigures realisatie_figures(const Realisatie& r);

// The published figures, laid out as RealisatieFigures; -1 where hidden (plaatsen: -1 also when
// the file has none).
struct PublishedRealisatie {
  std::vector<double> stand, instroom, uitstroom, plaatsen;
};
PublishedRealisatie dashboard_realisatie(const RealisatieFigures& f, int small_cell);

// The embedded JSON member (starting with ','): "realisatie":{...}, null where hidden (written in
// dashboard.cpp, with the page's json_string).
std::string realisatie_json(const RealisatieFigures& f, int small_cell);

}  // namespace mkba::report

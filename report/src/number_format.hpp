#pragma once
// Number formatting for the writers: Dutch display (thousands '.', decimal ','), English display
// (thousands ',', decimal '.'), plain CSV ('.' decimals) and Dutch-Excel CSV (decimal ','), and the
// symbols for suppressed cells.
#include <mkba/report/console.hpp>
#include <mkba/report/lang.hpp>
#include <mkba/report/tables.hpp>

#include <cstddef>
#include <string>

namespace mkba::report {

enum class Style { display, display_en, csv_plain, csv_dutch };

inline Style display_style(Lang lang) { return lang == Lang::en ? Style::display_en : Style::display; }

std::string fixed(double x, int decimals, Style style);   // grouped thousands only in display
std::string euro_nl(double x);                            // display, whole euros
std::string count_nl(double x);                           // display, whole persons
std::string percent_nl(double rate);                      // 0.0225 -> "2,25 %"
std::string euro_text(double x, Lang lang);               // display in the report's language
std::string count_text(double x, Lang lang);
std::string percent_text(double rate, Lang lang);         // "2,25 %" or "2.25%"

// A cell as text in a style; suppressed cells become "<threshold" or "x".
std::string cell_text(const Cell& c, double threshold, Style style);
std::string interval_text(const Cell& c, double threshold, Style style);  // "" without interval
std::string suppressed_symbol(const Cell& c, double threshold);

}  // namespace mkba::report

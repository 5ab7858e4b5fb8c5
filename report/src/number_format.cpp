#include "number_format.hpp"

#include <fmt/format.h>

#include <cmath>

namespace mkba::report {

std::string fixed(double x, int decimals, Style style) {
  const double scale = std::pow(10.0, decimals);
  double r = std::round(x * scale) / scale;
  if (r == 0) r = 0;  // no "-0"
  std::string s = fmt::format("{:.{}f}", std::abs(r), decimals);
  std::string whole = s.substr(0, s.find('.'));
  std::string frac = decimals > 0 ? s.substr(s.find('.') + 1) : "";
  const bool display = style == Style::display || style == Style::display_en;
  if (display) {
    std::string grouped;
    for (std::size_t i = 0; i < whole.size(); ++i) {
      if (i && (whole.size() - i) % 3 == 0) grouped += style == Style::display_en ? ',' : '.';
      grouped += whole[i];
    }
    whole = grouped;
  }
  const char point = style == Style::csv_plain || style == Style::display_en ? '.' : ',';
  return (r < 0 ? "-" : "") + whole + (decimals > 0 ? std::string(1, point) + frac : "");
}

std::string euro_nl(double x) { return fixed(x, 0, Style::display); }
std::string count_nl(double x) { return fixed(x, 0, Style::display); }
std::string percent_nl(double rate) {
  std::string s = fixed(rate * 100, 2, Style::display);
  return s + " %";
}

std::string euro_text(double x, Lang lang) { return fixed(x, 0, display_style(lang)); }
std::string count_text(double x, Lang lang) { return fixed(x, 0, display_style(lang)); }
std::string percent_text(double rate, Lang lang) {
  return lang == Lang::en ? fixed(rate * 100, 2, Style::display_en) + "%" : percent_nl(rate);
}

namespace {

int decimals(Unit u, Style style) {
  const bool csv = style == Style::csv_plain || style == Style::csv_dutch;
  switch (u) {
    case Unit::euro: return csv ? 2 : 0;
    case Unit::persons: return csv ? 1 : 0;
    case Unit::person_years: return csv ? 2 : 1;
    case Unit::quantity:
    case Unit::probability: return csv ? 6 : 4;
    case Unit::ratio: return csv ? 3 : 2;
    case Unit::percent: return csv ? 3 : 2;  // 2,25 %
    case Unit::text: return 0;
  }
  return 0;
}

std::string number(Unit u, double v, Style style) {
  std::string s = fixed(u == Unit::percent ? v * 100 : v, decimals(u, style), style);
  if (u == Unit::quantity) {
    // Amounts such as 1345.45 or 0.0833: drop trailing zeros, keep the digits that carry meaning.
    const char point = style == Style::csv_plain || style == Style::display_en ? '.' : ',';
    if (s.find(point) != std::string::npos) {
      while (s.back() == '0') s.pop_back();
      if (s.back() == point) s.pop_back();
    }
  }
  return u == Unit::percent ? s + " %" : s;
}

}  // namespace

std::string suppressed_symbol(const Cell& c, double threshold) {
  return c.below_threshold ? "<" + fixed(threshold, 0, Style::csv_plain) : "x";
}

std::string cell_text(const Cell& c, double threshold, Style style) {
  if (c.suppressed) return suppressed_symbol(c, threshold);
  if (c.unit == Unit::text) return c.text;
  return number(c.unit, c.value, style);
}

std::string interval_text(const Cell& c, double threshold, Style style) {
  if (!c.interval) return "";
  if (c.suppressed) return suppressed_symbol(c, threshold);
  return number(c.unit, c.interval->p5, style) + (style == Style::display || style == Style::display_en ? " - " : " to ") +
         number(c.unit, c.interval->p95, style);
}

}  // namespace mkba::report

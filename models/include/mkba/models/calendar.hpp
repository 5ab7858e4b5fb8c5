#pragma once
// Calendar dates as they appear in data files (YYYY-MM-DD). Months use mkba::YearMonth from the
// scenario, so screening data and scenarios share one notion of "month".
#include <mkba/models/scenario.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace mkba {

struct CalendarDate {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..days_in_month
  // Days since 1970-01-01 (proleptic Gregorian); differences are exact day counts.
  long days() const;
  static CalendarDate from_days(long days);
  YearMonth year_month() const { return {year, month}; }
  std::string str() const;  // YYYY-MM-DD
  friend auto operator<=>(const CalendarDate&, const CalendarDate&) = default;
};

int days_in_month(int year, int month);
// Strict ISO forms only: a Dutch Excel export's 1-7-2020 is refused, not guessed.
std::optional<CalendarDate> parse_date(std::string_view text);
std::optional<YearMonth> parse_year_month(std::string_view text);
// Today's date (UTC) from the system clock.
CalendarDate today_utc();

}  // namespace mkba

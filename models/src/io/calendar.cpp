#include <mkba/models/calendar.hpp>

#include <fmt/format.h>

#include <chrono>

namespace mkba {

// Howard Hinnant's days_from_civil / civil_from_days: exact for every Gregorian date.
long CalendarDate::days() const {
  const long y = year - (month <= 2 ? 1 : 0);
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long mp = (month + 9) % 12;
  const long doy = (153 * mp + 2) / 5 + day - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CalendarDate CalendarDate::from_days(long z) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  const long d = doy - (153 * mp + 2) / 5 + 1;
  const long m = mp < 10 ? mp + 3 : mp - 9;
  const long y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return {static_cast<int>(y), static_cast<int>(m), static_cast<int>(d)};
}

std::string CalendarDate::str() const { return fmt::format("{:04d}-{:02d}-{:02d}", year, month, day); }

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0))) return 29;
  return kDays[month - 1];
}

namespace {
std::optional<int> digits(std::string_view s) {
  if (s.empty()) return std::nullopt;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}
}  // namespace

std::optional<YearMonth> parse_year_month(std::string_view t) {
  if (t.size() != 7 || t[4] != '-') return std::nullopt;
  const auto y = digits(t.substr(0, 4)), m = digits(t.substr(5, 2));
  if (!y || !m || *m < 1 || *m > 12 || *y < 1900) return std::nullopt;
  return YearMonth{*y, *m};
}

std::optional<CalendarDate> parse_date(std::string_view t) {
  if (t.size() != 10 || t[7] != '-') return std::nullopt;
  const auto ym = parse_year_month(t.substr(0, 7));
  const auto d = digits(t.substr(8, 2));
  if (!ym || !d || *d < 1 || *d > days_in_month(ym->year, ym->month)) return std::nullopt;
  return CalendarDate{ym->year, ym->month, *d};
}

CalendarDate today_utc() {
  const auto now = std::chrono::system_clock::now();
  const auto days = std::chrono::duration_cast<std::chrono::days>(now.time_since_epoch()).count();
  return CalendarDate::from_days(static_cast<long>(days));
}

}  // namespace mkba

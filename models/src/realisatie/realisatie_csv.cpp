// The realisatie file: reader (strict, row and column in every message), writer, and how it sets a
// scenario's start (docs/data-formats.md, "Realisatie").
#include <mkba/models/calendar.hpp>
#include <mkba/models/errors.hpp>
#include <mkba/models/realisatie.hpp>
#include <mkba/models/screening_population.hpp>

#include "csv.hpp"
#include "text_file.hpp"
#include "yaml_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <regex>
#include <set>
#include <tuple>
#include <unordered_map>

namespace mkba {

ReportPeriod ReportPeriod::next() const {
  const int len = last.months_since(first) + 1;
  YearMonth f{last.year + (last.month == 12 ? 1 : 0), last.month % 12 + 1};
  const int idx0 = f.month - 1;
  YearMonth l{f.year, f.month + len - 1};
  std::string name = len == 6 ? fmt::format("{}-H{}", f.year, idx0 / 6 + 1) : fmt::format("{}-Q{}", f.year, idx0 / 3 + 1);
  return {name, f, l};
}

std::optional<ReportPeriod> parse_report_period(std::string_view text) {
  static const std::regex re(R"((\d{4})-([HQ])([1-4]))");
  std::cmatch m;
  if (!std::regex_match(text.begin(), text.end(), m, re)) return std::nullopt;
  const int year = std::stoi(m[1].str());
  const int k = std::stoi(m[3].str());
  if (m[2].str() == "H") {
    if (k > 2) return std::nullopt;
    return ReportPeriod{std::string(text), {year, (k - 1) * 6 + 1}, {year, k * 6}};
  }
  return ReportPeriod{std::string(text), {year, (k - 1) * 3 + 1}, {year, k * 3}};
}

ReportPeriod semester_of(YearMonth m) {
  return *parse_report_period(fmt::format("{:04d}-H{}", m.year, m.month <= 6 ? 1 : 2));
}

std::int64_t Realisatie::stand(int gemeente, int state, YearMonth m) const {
  std::int64_t n = 0;
  for (const auto& r : rows)
    if (r.gemeente == gemeente && r.state == state && r.month.months_since(m) == 0) n += r.stand;
  return n;
}

namespace {

using detail::join_names;
using detail::lower_ascii;
using detail::trim_blanks;
using detail::Problems;

// Index of `text` in `names` regardless of case and surrounding spaces; -1 if absent.
int find_name(const std::vector<std::string>& names, std::string_view text) {
  const std::string t = lower_ascii(trim_blanks(text));
  for (std::size_t i = 0; i < names.size(); ++i)
    if (lower_ascii(names[i]) == t) return static_cast<int>(i);
  return -1;
}

// Columns that only person-level data has: a realisatie is aggregates, so these refuse the file.
bool person_column(const std::string& name) {
  static const std::vector<std::string> words{"id", "bsn", "persoon", "persoonsnummer", "klantnummer", "clientnummer",
                                              "naam", "achternaam", "voornaam", "geboortedatum", "geboortejaar",
                                              "adres", "postcode"};
  return std::find(words.begin(), words.end(), name) != words.end();
}

// A whole count >= 0 (digits only), or nullopt.
std::optional<std::int64_t> count_of(std::string_view text) {
  text = trim_blanks(text);
  if (text.empty() || text.size() > 12) return std::nullopt;
  std::int64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

// An amount >= 0 with '.' or ',' as decimal mark and no thousands separators, or nullopt.
std::optional<double> amount_of(std::string_view text) {
  std::string t(trim_blanks(text));
  if (t.empty() || t.size() > 20) return std::nullopt;
  int marks = 0;
  for (char& c : t) {
    if (c == ',' || c == '.') {
      c = '.';
      ++marks;
    } else if (c < '0' || c > '9') {
      return std::nullopt;
    }
  }
  if (marks > 1 || t.front() == '.' || t.back() == '.') return std::nullopt;
  return std::stod(t);
}

using Key = std::tuple<int, int, int>;  // gemeente, state, kwadrant

YearMonth plus_months(YearMonth m, int k) {
  const int i = m.month - 1 + k;
  return {m.year + i / 12, i % 12 + 1};
}

}  // namespace

Realisatie parse_realisatie_csv(std::string_view text, const std::string& file, const RealisatieReadOptions& opt) {
  const detail::CsvTable table = detail::parse_csv(text, file);
  const int n_states = static_cast<int>(opt.states.size());
  // Columns by name: the fixed ones, naar_<state> per state; anything else is refused (a realisatie
  // is a fixed set of aggregates; an unknown column is a typo or data that does not belong here).
  enum Col { c_gemeente, c_maand, c_status, c_kwadrant, c_stand, c_instroom, c_vertrek, c_plaatsen, c_kosten, c_fixed };
  static const std::vector<std::string> fixed{"gemeente", "maand", "status", "kwadrant", "stand",
                                              "instroom", "vertrek", "plaatsen", "kosten"};
  std::vector<std::string> allowed = fixed;
  for (const auto& st : opt.states) allowed.push_back("naar_" + lower_ascii(st));
  std::vector<int> pos(fixed.size() + opt.states.size(), -1);
  std::vector<std::string> header_problems;
  for (std::size_t h = 0; h < table.header.size(); ++h) {
    const std::string name = lower_ascii(trim_blanks(table.header[h]));
    const auto it = std::find(allowed.begin(), allowed.end(), name);
    if (it == allowed.end()) {
      if (person_column(name))
        header_problems.push_back(fmt::format("{}: row 1, column {}: '{}' is person-level data; a realisatie holds "
                                              "aggregates only (counts per gemeente, month and state), never person "
                                              "ids, names or birth dates", file, h + 1, name));
      else
        header_problems.push_back(fmt::format("{}: row 1, column {}: unknown column '{}'{}; expected gemeente, maand, "
                                              "status, stand and optionally kwadrant, instroom, vertrek, plaatsen, "
                                              "kosten and naar_<state> (see docs/data-formats.md)", file, h + 1, name,
                                              detail::did_you_mean(name, allowed)));
      continue;
    }
    const auto c = static_cast<std::size_t>(it - allowed.begin());
    if (pos[c] >= 0)
      header_problems.push_back(fmt::format("{}: row 1, column {}: column '{}' appears twice (columns {} and {})", file,
                                            h + 1, name, pos[c] + 1, h + 1));
    pos[c] = static_cast<int>(h);
  }
  for (const Col c : {c_gemeente, c_maand, c_status, c_stand})
    if (pos[c] < 0)
      header_problems.push_back(fmt::format("{}: row 1: missing column {} (see docs/data-formats.md)", file,
                                            fixed[static_cast<std::size_t>(c)]));
  if (!header_problems.empty()) {
    std::string msg;
    for (const auto& p : header_problems) msg += p + "\n";
    throw DataError(msg + fmt::format("{}: {} problem(s) in the header; nothing was read", file, header_problems.size()));
  }

  Problems problems{file, opt.max_problems, {}, false};
  Realisatie out;
  out.file = file;
  out.gemeenten = opt.gemeenten;
  out.states = opt.states;
  out.has_kwadrant = pos[c_kwadrant] >= 0;
  std::map<std::tuple<int, int, int, int>, int> seen;  // (month index, gemeente, state, kwadrant) -> row
  auto field = [&](const detail::CsvRecord& r, std::size_t c) -> std::string_view {
    return pos[c] < 0 ? std::string_view{} : std::string_view(r.fields[static_cast<std::size_t>(pos[c])]);
  };
  const YearMonth origin{1990, 1};
  for (const auto& row : table.rows) {
    if (problems.truncated) break;
    if (!problems.fields_as_header(row, table.header.size())) continue;
    const std::size_t before = problems.count;
    RealisatieRow r;
    r.row = row.line;
    r.gemeente = find_name(opt.gemeenten, field(row, c_gemeente));
    if (r.gemeente < 0)
      problems.add(fmt::format("{}: row {}, column gemeente: expected one of the gemeenten {}{}", file, row.line,
                               join_names(opt.gemeenten), detail::did_you_mean(std::string(trim_blanks(field(row, c_gemeente))),
                                                                         opt.gemeenten)));
    const auto m = parse_year_month(trim_blanks(field(row, c_maand)));
    if (!m)
      problems.add(fmt::format("{}: row {}, column maand: expected a month YYYY-MM", file, row.line));
    else if (opt.period && !opt.period->contains(*m))
      problems.add(fmt::format("{}: row {}, column maand: expected a month within the period {} ({} to {})", file,
                               row.line, opt.period->label, opt.period->first.str(), opt.period->last.str()));
    r.state = find_name(opt.states, field(row, c_status));
    if (r.state < 0)
      problems.add(fmt::format("{}: row {}, column status: expected one of the states {}{}", file, row.line,
                               join_names(opt.states), detail::did_you_mean(std::string(trim_blanks(field(row, c_status))),
                                                                      opt.states)));
    if (pos[c_kwadrant] >= 0 && !trim_blanks(field(row, c_kwadrant)).empty()) {
      const auto k = count_of(field(row, c_kwadrant));
      if (!k || *k > 4)
        problems.add(fmt::format("{}: row {}, column kwadrant: expected a kwadrant 1-4, 0 or blank (unknown)", file,
                                 row.line));
      else
        r.kwadrant = static_cast<int>(*k);
    }
    auto count = [&](std::size_t c, bool required) -> std::int64_t {
      const std::string_view t = field(row, c);
      if (trim_blanks(t).empty()) {
        if (required)
          problems.add(fmt::format("{}: row {}, column {}: expected a number of persons (a whole number, 0 or more), "
                                   "found an empty field", file, row.line, allowed[c]));
        return 0;
      }
      const auto v = count_of(t);
      if (!v) {
        problems.add(fmt::format("{}: row {}, column {}: expected a number of persons (a whole number, 0 or more)",
                                 file, row.line, allowed[c]));
        return 0;
      }
      return *v;
    };
    r.stand = count(c_stand, true);
    r.instroom = count(c_instroom, false);
    r.vertrek = count(c_vertrek, false);
    r.naar.assign(static_cast<std::size_t>(n_states), 0);
    for (int to = 0; to < n_states; ++to) {
      const std::size_t c = fixed.size() + static_cast<std::size_t>(to);
      r.naar[static_cast<std::size_t>(to)] = count(c, false);
      if (to == r.state && r.naar[static_cast<std::size_t>(to)] != 0)
        problems.add(fmt::format("{}: row {}, column {}: expected 0 or blank (a move from a state to itself is no move)",
                                 file, row.line, allowed[c]));
    }
    for (const Col c : {c_plaatsen, c_kosten}) {
      const std::string_view t = field(row, c);
      if (trim_blanks(t).empty()) continue;
      const auto v = amount_of(t);
      if (!v) {
        problems.add(fmt::format("{}: row {}, column {}: expected {} (0 or more, no thousands separators) or blank",
                                 file, row.line, allowed[static_cast<std::size_t>(c)],
                                 c == c_plaatsen ? "a number of places (fte)" : "an amount in euros"));
        continue;
      }
      (c == c_plaatsen ? r.plaatsen : r.kosten) = *v;
    }
    if (problems.count != before) continue;
    r.month = *m;
    const auto [it, fresh] = seen.try_emplace({m->months_since(origin), r.gemeente, r.state, r.kwadrant}, row.line);
    if (!fresh) {
      problems.add(fmt::format("{}: row {}: duplicate of row {} (the same gemeente, maand, status and kwadrant)", file,
                               row.line, it->second));
      continue;
    }
    out.rows.push_back(std::move(r));
  }
  if (table.rows.empty()) problems.add(fmt::format("{}: row 2: expected data rows after the header, found none", file));
  problems.throw_if_any();

  std::sort(out.rows.begin(), out.rows.end(), [](const RealisatieRow& a, const RealisatieRow& b) {
    return std::make_tuple(a.month.year, a.month.month, a.gemeente, a.state, a.kwadrant) <
           std::make_tuple(b.month.year, b.month.month, b.gemeente, b.state, b.kwadrant);
  });
  out.first_month = out.rows.front().month;
  out.last_month = out.rows.back().month;
  out.period = opt.period ? *opt.period : semester_of(out.last_month);
  if (!opt.period)
    for (const auto& r : out.rows)
      if (!out.period.contains(r.month))
        problems.add(fmt::format("{}: row {}, column maand: expected a month within the period {} ({} to {}), the "
                                 "semester of the file's last month", file, r.row, out.period.label,
                                 out.period.first.str(), out.period.last.str()));
  problems.throw_if_any();

  // Every month from the first to the last has rows; the counts of each month follow from the
  // previous month's stand and the month's flows (the first month is the opening stand).
  const int n_months = out.last_month.months_since(out.first_month) + 1;
  std::vector<std::map<Key, const RealisatieRow*>> by_month(static_cast<std::size_t>(n_months));
  for (const auto& r : out.rows)
    by_month[static_cast<std::size_t>(r.month.months_since(out.first_month))][{r.gemeente, r.state, r.kwadrant}] = &r;
  for (int t = 1; t < n_months; ++t) {
    if (by_month[static_cast<std::size_t>(t)].empty()) {
      const YearMonth missing = plus_months(out.first_month, t);
      const RealisatieRow* later = nullptr;
      for (int u = t + 1; u < n_months && !later; ++u)
        if (!by_month[static_cast<std::size_t>(u)].empty()) later = by_month[static_cast<std::size_t>(u)].begin()->second;
      problems.add(fmt::format("{}: row {}, column maand: the month {} has no rows; every month from {} to {} must be "
                               "in the file", file, later ? later->row : 0, missing.str(), out.first_month.str(),
                               out.last_month.str()));
    }
  }
  problems.throw_if_any();
  for (int t = 1; t < n_months && !problems.truncated; ++t) {
    const auto& prev = by_month[static_cast<std::size_t>(t - 1)];
    const auto& cur = by_month[static_cast<std::size_t>(t)];
    std::map<Key, std::int64_t> moved_in;
    std::map<Key, const RealisatieRow*> source;  // a row moving persons into the key, for messages
    for (const auto& [k, r] : cur)
      for (int to = 0; to < n_states; ++to)
        if (r->naar[static_cast<std::size_t>(to)] > 0) {
          const Key dest{r->gemeente, to, r->kwadrant};
          moved_in[dest] += r->naar[static_cast<std::size_t>(to)];
          source.try_emplace(dest, r);
        }
    std::set<Key> keys;
    for (const auto* m : {&prev, &cur})
      for (const auto& kv : *m) keys.insert(kv.first);
    for (const auto& kv : moved_in) keys.insert(kv.first);
    for (const Key& k : keys) {
      const auto p = prev.find(k);
      const auto c = cur.find(k);
      const std::int64_t before = p == prev.end() ? 0 : p->second->stand;
      std::int64_t out_moves = 0, instroom = 0, stand = 0;
      if (c != cur.end()) {
        for (auto x : c->second->naar) out_moves += x;
        out_moves += c->second->vertrek;
        instroom = c->second->instroom;
        stand = c->second->stand;
      }
      const std::int64_t in = moved_in.count(k) ? moved_in[k] : 0;
      if (out_moves > before) {
        // The column: the first move out of the row (naar_<state>), else vertrek.
        std::string column = "vertrek";
        for (int to = 0; to < n_states; ++to)
          if (c->second->naar[static_cast<std::size_t>(to)] > 0) {
            column = "naar_" + lower_ascii(opt.states[static_cast<std::size_t>(to)]);
            break;
          }
        const YearMonth month_before = plus_months(out.first_month, t - 1);
        problems.add(fmt::format("{}: row {}, column {}: expected at most {} persons moving out or leaving (the stand at "
                                 "the end of {}{}), found {}{}", file, c->second->row, column, before,
                                 month_before.str(), p == prev.end() ? ": no row, so nobody" : fmt::format(", row {}", p->second->row),
                                 out_moves, before == 0 ? " (moves from an empty state)" : ""));
        continue;
      }
      const std::int64_t expected = before + instroom + in - out_moves;
      if (expected == stand) continue;
      if (c != cur.end())
        problems.add(fmt::format("{}: row {}, column stand: expected {} = {} (stand of the month before{}) + {} instroom "
                                 "+ {} moved in - {} moved out or left, found {} (the counts do not add up)", file,
                                 c->second->row, expected, before,
                                 p == prev.end() ? ", no row" : fmt::format(", row {}", p->second->row), instroom, in,
                                 out_moves, stand));
      else {
        const RealisatieRow* anchor = source.count(k) ? source[k] : p->second;
        const auto& [g, s, kw] = k;
        problems.add(fmt::format("{}: row {}, column {}: the month {} has no row for {}, {}{}, but the month before and "
                                 "the moves leave {} persons there (the counts do not add up)", file, anchor->row,
                                 source.count(k) ? "naar_" + lower_ascii(opt.states[static_cast<std::size_t>(s)]) : "maand",
                                 cur.begin()->second->month.str(), opt.gemeenten[static_cast<std::size_t>(g)],
                                 opt.states[static_cast<std::size_t>(s)],
                                 out.has_kwadrant ? fmt::format(", kwadrant {}", kw) : "", expected));
      }
    }
  }
  problems.throw_if_any();
  return out;
}

Realisatie read_realisatie_csv(const std::string& file, const RealisatieReadOptions& opt) {
  detail::TextFile f = detail::read_text_file(file, "the realisatie file", detail::max_csv_bytes);
  if (!f.error.empty()) throw DataError(fmt::format("{}: {}", file, f.error));
  return parse_realisatie_csv(f.text, file, opt);
}

std::string realisatie_csv(const Realisatie& r) {
  std::string out = "gemeente,maand,status";
  if (r.has_kwadrant) out += ",kwadrant";
  out += ",stand,instroom,vertrek";
  for (const auto& s : r.states) out += ",naar_" + s;
  out += ",plaatsen,kosten\n";
  auto amount = [](const std::optional<double>& v) { return v ? fmt::format("{:.2f}", *v) : std::string(); };
  for (const auto& row : r.rows) {
    out += detail::csv_field(r.gemeenten[static_cast<std::size_t>(row.gemeente)], ',') + "," + row.month.str() + "," +
           r.states[static_cast<std::size_t>(row.state)];
    if (r.has_kwadrant) out += fmt::format(",{}", row.kwadrant == 0 ? std::string() : std::to_string(row.kwadrant));
    out += fmt::format(",{},{},{}", row.stand, row.instroom, row.vertrek);
    for (auto n : row.naar) out += fmt::format(",{}", n);
    out += "," + amount(row.plaatsen) + "," + amount(row.kosten) + "\n";
  }
  return out;
}

void apply_realisatie_file(Scenario& s, const std::string& file, const std::string& period) {
  RealisatieReadOptions ro;
  ro.gemeenten = s.gemeenten;
  for (const auto& st : s.states) ro.states.push_back(st.id);
  const std::string p = period.empty() ? s.period : period;
  if (!p.empty()) ro.period = parse_report_period(p);
  apply_realisatie(s, read_realisatie_csv(file, ro));
}

void apply_realisatie(Scenario& s, Realisatie r) {
  const std::string& f = r.file;
  if (s.time.months_per_cycle != 1)
    throw Error(fmt::format("{}: a realisatie needs monthly cycles (time.cycle), the scenario has cycles of {} months",
                            f, s.time.months_per_cycle));
  if (s.rescreening)
    throw Error(fmt::format("{}: a realisatie gives counts, not each person's ZRM scores, so the scenario's "
                            "rescreening cannot follow them; run with --set rescreening=null", f));
  const bool kwadranten = static_cast<int>(s.declared_segments.size()) == kKwadrantSegments;
  if (!kwadranten && s.declared_segments.size() != 1)
    throw Error(fmt::format("{}: a realisatie starts segments 'alle' or the {} kwadrant segments, the scenario declares "
                            "{} other segments", f, kKwadrantSegments, s.declared_segments.size()));
  if (r.gemeenten != s.gemeenten || static_cast<int>(r.states.size()) != static_cast<int>(s.states.size()))
    throw Error(fmt::format("{}: read with other gemeenten or states than the scenario's", f));
  std::map<std::tuple<int, int, int>, double> groups;
  for (const auto& row : r.rows)
    if (row.month.months_since(r.last_month) == 0 && row.stand > 0)
      groups[{row.gemeente, kwadranten ? kwadrant_segment(row.kwadrant) : 0, row.state}] += static_cast<double>(row.stand);
  // Months in state at the new start, when the scenario's rates depend on them (duration bands, which
  // fading changes also make): the file tells when persons entered a state (instroom and moves in,
  // month by month), not who of them is still there. The newest entrants are taken to be the ones in
  // the last stand: those who entered in the last month start with 0 months, in the month before
  // with 1, ...; the rest were there before the file's first month and get its lower bound, the
  // months from the start of the first month (docs/data-formats.md, "What it does to a run").
  // Without duration bands every group starts at 0 (months in state change nothing then).
  const bool by_duration = s.duration_band_starts.size() > 1;
  std::map<std::tuple<int, int, int>, std::map<int, double>> entered;  // group -> months before the start -> persons
  if (by_duration)
    for (const auto& row : r.rows) {
      const int seg = kwadranten ? kwadrant_segment(row.kwadrant) : 0;
      const int ago = r.last_month.months_since(row.month);  // 0: entered in the last month
      if (row.instroom > 0) entered[{row.gemeente, seg, row.state}][ago] += static_cast<double>(row.instroom);
      for (std::size_t to = 0; to < row.naar.size(); ++to)
        if (row.naar[to] > 0 && static_cast<int>(to) != row.state)
          entered[{row.gemeente, seg, static_cast<int>(to)}][ago] += static_cast<double>(row.naar[to]);
    }
  const int before_file = r.last_month.months_since(r.first_month) + 1;
  s.start.clear();
  for (const auto& [k, n] : groups) {
    double left = n;
    if (by_duration)
      for (const auto& [ago, persons] : entered[k]) {  // newest first (ago ascending)
        const double take = std::min(left, persons);
        if (take > 0) s.start.push_back({std::get<0>(k), std::get<1>(k), std::get<2>(k), take, ago, {}, -1});
        left -= take;
      }
    if (left > 0)
      s.start.push_back({std::get<0>(k), std::get<1>(k), std::get<2>(k), left, by_duration ? before_file : 0, {}, -1});
  }
  s.time.start = {r.last_month.year + (r.last_month.month == 12 ? 1 : 0), r.last_month.month % 12 + 1};
  // The bestandsanalyse describes the screening extract's caseload, which no longer is the start.
  s.screening_bestand = nullptr;
  s.realisatie = std::make_shared<const Realisatie>(std::move(r));
}

}  // namespace mkba

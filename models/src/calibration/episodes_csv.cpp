// Readers and writers of pathway episodes and screening panels (docs/data-formats.md).
#include <mkba/models/calendar.hpp>
#include <mkba/models/episodes.hpp>
#include <mkba/models/errors.hpp>

#include "text_file.hpp"
#include "csv.hpp"
#include "yaml_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <optional>
#include <sstream>
#include <unordered_map>

namespace mkba {

namespace {

using detail::join_names;
using detail::lower_ascii;
using detail::trim_blanks;
using detail::Problems;

std::string read_file(const std::string& file, const char* what) {
  detail::TextFile f = detail::read_text_file(file, fmt::format("the {} file", what), detail::max_csv_bytes);
  if (!f.error.empty()) throw DataError(fmt::format("{}: {}", file, f.error));
  return std::move(f.text);
}

// Column positions by name; any missing column stops reading at once.
std::vector<int> locate(const std::vector<std::string>& header, const std::string& file,
                        const std::vector<std::vector<std::string>>& names) {
  std::vector<int> pos(names.size(), -1);
  std::vector<std::string> missing;
  for (std::size_t c = 0; c < names.size(); ++c) {
    for (std::size_t h = 0; h < header.size(); ++h) {
      const std::string name = lower_ascii(trim_blanks(header[h]));
      if (std::find(names[c].begin(), names[c].end(), name) == names[c].end()) continue;
      if (pos[c] >= 0)
        throw DataError(fmt::format("{}: row 1: column '{}' appears twice (columns {} and {})", file, name, pos[c] + 1, h + 1));
      pos[c] = static_cast<int>(h);
    }
    if (pos[c] < 0) {
      std::string alts;
      for (const auto& n : names[c]) alts += (alts.empty() ? "" : " or ") + n;
      missing.push_back(alts);
    }
  }
  if (!missing.empty())
    throw DataError(fmt::format("{}: row 1: missing column(s) {} (see docs/data-formats.md)", file, join_names(missing)));
  return pos;
}

class StateLookup {
 public:
  explicit StateLookup(const std::vector<std::string>& states) : states_(states) {
    for (std::size_t i = 0; i < states.size(); ++i) index_[lower_ascii(states[i])] = static_cast<int>(i);
  }
  // -1 if unknown.
  int find(std::string_view text) const {
    auto it = index_.find(lower_ascii(trim_blanks(text)));
    return it == index_.end() ? -1 : it->second;
  }
  std::string expected() const {
    return fmt::format("one of the states {}", join_names(states_));
  }
  std::string hint(std::string_view text) const { return detail::did_you_mean(std::string(trim_blanks(text)), states_); }

 private:
  std::vector<std::string> states_;
  std::unordered_map<std::string, int> index_;
};

std::string field_text(std::string_view s) { return std::string(trim_blanks(s)); }

}  // namespace

void write_text_file(const std::string& file, const std::string& text) {
  const std::filesystem::path path(file);
  if (path.has_parent_path()) {
    std::error_code ec;
    std::filesystem::create_directories(path.parent_path(), ec);
  }
  const std::string tmp = file + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw DataError(fmt::format("{}: cannot write the file", file));
    out << text;
    out.flush();
    if (!out) throw DataError(fmt::format("{}: cannot write the file", file));
  }
  std::error_code ec;
  std::filesystem::rename(tmp, file, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
    throw DataError(fmt::format("{}: cannot write the file", file));
  }
}

EpisodeData parse_episodes_csv(std::string_view text, const std::string& file, const EpisodeReadOptions& opt) {
  const detail::CsvTable table = detail::parse_csv(text, file);
  enum { c_id, c_status, c_begin, c_end, c_next };
  const auto pos = locate(table.header, file, {{"id"}, {"status"}, {"begin"}, {"einde"}, {"volgende_status"}});
  const StateLookup states(opt.states);
  Problems problems{file, opt.max_problems, {}, false};
  const YearMonth x = opt.extraction;

  EpisodeData data;
  data.file = file;
  data.states = opt.states;
  data.extraction = x;
  std::unordered_map<std::string, int> person_of;
  auto f = [&](const detail::CsvRecord& r, int c) { return std::string_view(r.fields[static_cast<std::size_t>(pos[static_cast<std::size_t>(c)])]); };

  for (const auto& row : table.rows) {
    if (problems.truncated) break;
    if (!problems.fields_as_header(row, table.header.size())) continue;
    const std::size_t before = problems.count;
    Episode e;
    e.row = row.line;
    const std::string id = field_text(f(row, c_id));
    if (id.empty())
      problems.add(fmt::format("{}: row {}, column id: expected a pseudonymous id, found an empty field", file, row.line));
    e.state = states.find(f(row, c_status));
    if (e.state < 0)
      problems.add(fmt::format("{}: row {}, column status: expected {}{}", file, row.line, states.expected(),
                               states.hint(f(row, c_status))));
    const auto begin = parse_year_month(trim_blanks(f(row, c_begin)));
    if (!begin)
      problems.add(fmt::format("{}: row {}, column begin: expected a month YYYY-MM", file, row.line));
    else if (begin->months_since(x) > 0)
      problems.add(fmt::format("{}: row {}, column begin: expected a month not after the extraction month {}", file,
                               row.line, x.str()));
    const std::string end_text = field_text(f(row, c_end));
    std::optional<YearMonth> end;
    if (end_text.empty()) {
      e.censored = true;
    } else if (!(end = parse_year_month(end_text))) {
      problems.add(fmt::format("{}: row {}, column einde: expected a month YYYY-MM or blank (still in the state)", file,
                               row.line));
    } else if (begin && end->months_since(*begin) < 0) {
      problems.add(fmt::format("{}: row {}, column einde: expected a month not before the row's begin (end before start)",
                               file, row.line));
    } else if (end->months_since(x) > 0) {
      problems.add(fmt::format("{}: row {}, column einde: expected a month not after the extraction month {}", file,
                               row.line, x.str()));
    }
    const std::string next_text = field_text(f(row, c_next));
    if (!next_text.empty()) {
      e.next = states.find(next_text);
      if (e.next < 0)
        problems.add(fmt::format("{}: row {}, column volgende_status: expected {} or blank{}", file, row.line,
                                 states.expected(), states.hint(next_text)));
      else if (e.next == e.state)
        problems.add(fmt::format("{}: row {}, column volgende_status: expected a state other than the row's status (merge "
                                 "the two episodes)", file, row.line));
      else if (e.censored)
        problems.add(fmt::format("{}: row {}, column volgende_status: expected blank when einde is blank (still in the "
                                 "state)", file, row.line));
    }
    if (problems.count != before) continue;
    e.begin = *begin;
    e.end = e.censored ? x : *end;
    auto [it, fresh] = person_of.try_emplace(id, static_cast<int>(data.ids.size()));
    if (fresh) data.ids.push_back(id);
    e.person = it->second;
    data.episodes.push_back(e);
  }

  // Overlaps within one person (checked on the rows that were valid on their own).
  std::stable_sort(data.episodes.begin(), data.episodes.end(), [](const Episode& a, const Episode& b) {
    if (a.person != b.person) return a.person < b.person;
    return a.begin.months_since(b.begin) < 0;
  });
  for (std::size_t i = 1; i < data.episodes.size() && !problems.truncated; ++i) {
    const Episode& a = data.episodes[i - 1];
    const Episode& b = data.episodes[i];
    if (a.person != b.person) continue;
    if (b.begin.months_since(a.end) <= 0) {
      const Episode& later = a.row > b.row ? a : b;
      const Episode& earlier = a.row > b.row ? b : a;
      problems.add(fmt::format("{}: row {}, column begin: expected a month after the einde of the same person's episode "
                               "in row {} (episodes of one person overlap; the id is not shown)",
                               file, later.row, earlier.row));
    }
  }
  problems.throw_if_any();
  return data;
}

EpisodeData read_episodes_csv(const std::string& file, const EpisodeReadOptions& opt) {
  return parse_episodes_csv(read_file(file, "episodes"), file, opt);
}

std::string episodes_csv(const EpisodeData& data) {
  std::string out = "id,status,begin,einde,volgende_status\n";
  for (const auto& e : data.episodes) {
    out += detail::csv_field(data.ids[static_cast<std::size_t>(e.person)], ',');
    out += ',' + data.states[static_cast<std::size_t>(e.state)] + ',' + e.begin.str() + ',';
    if (!e.censored) out += e.end.str();
    out += ',';
    if (e.next >= 0) out += data.states[static_cast<std::size_t>(e.next)];
    out += '\n';
  }
  return out;
}

PanelData parse_panel_csv(std::string_view text, const std::string& file, const EpisodeReadOptions& opt) {
  const detail::CsvTable table = detail::parse_csv(text, file);
  enum { c_id, c_month, c_status };
  const auto pos = locate(table.header, file, {{"id"}, {"maand", "datum"}, {"status"}});
  const bool by_date = lower_ascii(trim_blanks(table.header[static_cast<std::size_t>(pos[c_month])])) == "datum";
  const StateLookup states(opt.states);
  Problems problems{file, opt.max_problems, {}, false};
  PanelData data;
  data.file = file;
  data.states = opt.states;
  std::unordered_map<std::string, int> person_of;
  std::vector<int> rows;
  auto f = [&](const detail::CsvRecord& r, int c) { return std::string_view(r.fields[static_cast<std::size_t>(pos[static_cast<std::size_t>(c)])]); };
  for (const auto& row : table.rows) {
    if (problems.truncated) break;
    if (!problems.fields_as_header(row, table.header.size())) continue;
    const std::size_t before = problems.count;
    const std::string id = field_text(f(row, c_id));
    if (id.empty())
      problems.add(fmt::format("{}: row {}, column id: expected a pseudonymous id, found an empty field", file, row.line));
    PanelObservation o;
    o.state = states.find(f(row, c_status));
    if (o.state < 0)
      problems.add(fmt::format("{}: row {}, column status: expected {}{}", file, row.line, states.expected(),
                               states.hint(f(row, c_status))));
    const std::string when = field_text(f(row, c_month));
    std::optional<YearMonth> m;
    if (by_date) {
      if (auto d = parse_date(when)) m = d->year_month();
    } else {
      m = parse_year_month(when);
    }
    if (!m)
      problems.add(fmt::format("{}: row {}, column {}: expected {}", file, row.line, by_date ? "datum" : "maand",
                               by_date ? "a date YYYY-MM-DD" : "a month YYYY-MM"));
    else if (m->months_since(opt.extraction) > 0)
      problems.add(fmt::format("{}: row {}, column {}: expected a month not after the extraction month {}", file,
                               row.line, by_date ? "datum" : "maand", opt.extraction.str()));
    if (problems.count != before) continue;
    o.month = *m;
    auto [it, fresh] = person_of.try_emplace(id, static_cast<int>(data.ids.size()));
    if (fresh) data.ids.push_back(id);
    o.person = it->second;
    data.observations.push_back(o);
    rows.push_back(row.line);
  }
  std::vector<std::size_t> order(data.observations.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const auto& x = data.observations[a];
    const auto& y = data.observations[b];
    if (x.person != y.person) return x.person < y.person;
    return x.month.months_since(y.month) < 0;
  });
  std::vector<PanelObservation> sorted;
  sorted.reserve(order.size());
  for (std::size_t k = 0; k < order.size(); ++k) {
    sorted.push_back(data.observations[order[k]]);
    if (k > 0 && !problems.truncated) {
      const auto& a = data.observations[order[k - 1]];
      const auto& b = data.observations[order[k]];
      if (a.person == b.person && a.month.months_since(b.month) == 0)
        problems.add(fmt::format("{}: row {}: expected one observation per person and month, found a second one for the "
                                 "month of row {} (the id and month are not shown)", file,
                                 std::max(rows[order[k]], rows[order[k - 1]]), std::min(rows[order[k]], rows[order[k - 1]])));
    }
  }
  problems.throw_if_any();
  data.observations = std::move(sorted);
  return data;
}

PanelData read_panel_csv(const std::string& file, const EpisodeReadOptions& opt) {
  return parse_panel_csv(read_file(file, "panel"), file, opt);
}

std::string panel_csv(const PanelData& data) {
  std::string out = "id,maand,status\n";
  for (const auto& o : data.observations)
    out += detail::csv_field(data.ids[static_cast<std::size_t>(o.person)], ',') + ',' + o.month.str() + ',' +
           data.states[static_cast<std::size_t>(o.state)] + '\n';
  return out;
}

}  // namespace mkba

// ZRM screening extracts: parsing, every error rule with its pinned message, segments on
// hand-worked rows, the synthetic generator's marginals and correlations, the bestandsanalyse and
// its privacy (no input id in any output).
#include <mkba/models/bestand.hpp>
#include <mkba/models/compile.hpp>
#include <mkba/models/errors.hpp>
#include <mkba/models/load.hpp>
#include <mkba/models/screening.hpp>
#include <mkba/models/screening_population.hpp>
#include <mkba/models/screening_synth.hpp>
#include <mkba/models/segments.hpp>

#include <catch2/catch.hpp>

#include <boost/math/distributions/normal.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <string>

using namespace mkba;

namespace {

const std::string kData = std::string(MKBA_TEST_DATA) + "/screening/";
const std::string kHeader =
    "id,gemeente,geboortejaar,screeningsdatum,zrm_financien,zrm_werk_opleiding,zrm_tijdsbesteding,"
    "zrm_huisvesting,zrm_huiselijke_relaties,zrm_geestelijke_gezondheid,zrm_lichamelijke_gezondheid,"
    "zrm_middelengebruik,zrm_basale_adl,zrm_instrumentele_adl,zrm_sociaal_netwerk,"
    "zrm_maatschappelijke_participatie,zrm_justitie,ontheffing,status,status_sinds,uitkering_sinds\n";
const std::string kGoodRow = "a1,Zoetermeer,1980,2020-03-15,3,2,3,4,4,3,4,5,5,4,3,3,5,nee,uitkering,2018-05,2018-05";

ScreeningReadOptions options(bool lenient = false) {
  ScreeningReadOptions o;
  o.gemeenten = region_gemeenten();
  o.states = {"uitkering", "traject", "beschut", "lks", "regulier"};
  o.reference = {2020, 7, 1};
  o.lenient = lenient;
  return o;
}

std::string error_of(const std::string& text, const ScreeningReadOptions& o = options()) {
  try {
    parse_screening_csv(text, "x.csv", o);
  } catch (const DataError& e) {
    return e.what();
  }
  return "(no error)";
}

// kGoodRow with field `col` (0-based, header order) replaced.
std::string row_with(std::size_t col, const std::string& value, const std::string& id = "a1") {
  std::vector<std::string> f;
  std::string cur;
  for (char c : kGoodRow) {
    if (c == ',') {
      f.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  f.push_back(cur);
  f[0] = id;
  f[col] = value;
  std::string out;
  for (std::size_t i = 0; i < f.size(); ++i) out += (i ? "," : "") + f[i];
  return out + "\n";
}

ZrmScores scores(std::initializer_list<int> s) {
  ZrmScores z{};
  std::size_t i = 0;
  for (int v : s) z[i++] = static_cast<std::uint8_t>(v);
  return z;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Parsing

TEST_CASE("a comma-separated extract is read into indexed records", "[screening][parse]") {
  const auto d = read_screening_csv(kData + "valid_comma.csv", options());
  REQUIRE(d.records.size() == 5);
  REQUIRE(d.ids == std::vector<std::string>{"p-001", "p-002", "p-003", "p-004", "p \"5\", x"});
  const auto& r = d.records[0];
  CHECK(r.gemeente == 0);
  CHECK(r.birth_year == 1980);
  CHECK(r.screened == CalendarDate{2020, 3, 15});
  CHECK(r.scores == scores({3, 2, 3, 4, 4, 3, 4, 5, 5, 4, 3, 3, 5}));
  CHECK_FALSE(r.ontheffing);
  CHECK(r.state == 0);
  CHECK(r.state_since.year == 2018);
  CHECK(r.state_since.month == 5);
  CHECK(d.records[1].ontheffing);
  CHECK(d.records[2].gemeente == 3);
  CHECK(d.records[2].state == 3);
  // Blank scores are "not scored"; a blank benefit start is allowed.
  CHECK(d.records[3].scores[0] == kNotScored);
  CHECK(d.records[3].scores[12] == kNotScored);
  CHECK_FALSE(d.records[3].benefit_since.has_value());
}

TEST_CASE("semicolon separator, BOM, CRLF, quotes, line breaks in quotes, extra columns and any column order", "[screening][parse]") {
  const auto a = read_screening_csv(kData + "valid_comma.csv", options());
  const auto b = read_screening_csv(kData + "valid_semicolon_bom_crlf.csv", options());
  REQUIRE(b.ids == a.ids);
  REQUIRE(b.records.size() == a.records.size());
  for (std::size_t i = 0; i < a.records.size(); ++i) {
    CHECK(b.records[i].scores == a.records[i].scores);
    CHECK(b.records[i].gemeente == a.records[i].gemeente);
    CHECK(b.records[i].state == a.records[i].state);
    CHECK(b.records[i].screened == a.records[i].screened);
    CHECK(b.records[i].birth_year == a.records[i].birth_year);
    CHECK(b.records[i].ontheffing == a.records[i].ontheffing);
    CHECK(b.records[i].benefit_since.has_value() == a.records[i].benefit_since.has_value());
  }
}

TEST_CASE("row numbers are physical lines, also after a line break inside quotes", "[screening][parse]") {
  // In the ';' file p-003's note holds a line break, so p-004 starts on line 6.
  auto o = options();
  o.states = {"uitkering", "lks"};  // p-004 is in 'traject'
  CHECK_THAT(error_of("", o), Catch::Contains("empty"));
  try {
    read_screening_csv(kData + "valid_semicolon_bom_crlf.csv", o);
    FAIL("expected a DataError");
  } catch (const DataError& e) {
    CHECK_THAT(std::string(e.what()), Catch::Contains("valid_semicolon_bom_crlf.csv: row 6, column status: "
                                                      "expected one of the states uitkering, lks"));
  }
}

TEST_CASE("matching gemeente and state ignores case and outer spaces, CR-only line ends work", "[screening][parse]") {
  const auto d = parse_screening_csv(kHeader + row_with(18, "UITKERING") + row_with(1, " wassenaar", "a2"), "x.csv", options());
  REQUIRE(d.records.size() == 2);
  CHECK(d.records[1].gemeente == 4);
  std::string cr = kHeader + kGoodRow;
  for (auto& c : cr)
    if (c == '\n') c = '\r';
  CHECK(parse_screening_csv(cr, "x.csv", options()).records.size() == 1);
  // A quoted empty field is blank; the last line needs no line end.
  const auto q = parse_screening_csv(kHeader + row_with(4, "\"\"") + row_with(20, "2018-05x", "a2").substr(0, kGoodRow.size() + 1), "x.csv",
                                     options(true));
  CHECK(q.records.size() == 1);
  CHECK(q.records[0].scores[0] == kNotScored);
  CHECK(q.skipped[static_cast<std::size_t>(SkipReason::invalid_value)] == 1);  // "2018-05x"
}

// Found by fuzzing (tests/fuzz, docs/hardening.md): a file of one empty quoted field and no line end
// made the CSV parser read the header of an empty row list (a crash in the normal build).
TEST_CASE("a file of only an empty quoted field is refused, not a crash", "[screening][parse][errors][fuzz]") {
  CHECK_THAT(error_of("\"\""), Catch::Contains("missing column(s)"));
  CHECK_THAT(error_of("\xEF\xBB\xBF\"\"", options(true)), Catch::Contains("missing column(s)"));
}

TEST_CASE("file-level problems are refused in both modes", "[screening][parse][errors]") {
  CHECK(error_of("id,gemeente\n1,Zoetermeer\n") ==
        "x.csv: row 1: missing column(s) geboortejaar, screeningsdatum, zrm_financien, zrm_werk_opleiding, "
        "zrm_tijdsbesteding, zrm_huisvesting, zrm_huiselijke_relaties, zrm_geestelijke_gezondheid, "
        "zrm_lichamelijke_gezondheid, zrm_middelengebruik, zrm_basale_adl, zrm_instrumentele_adl, "
        "zrm_sociaal_netwerk, zrm_maatschappelijke_participatie, zrm_justitie, ontheffing, status, "
        "status_sinds, uitkering_sinds (see docs/data-formats.md)");
  std::string typo = kHeader;
  typo.replace(typo.find("zrm_justitie"), 12, "zrm_justite");
  CHECK_THAT(error_of(typo + kGoodRow, options(true)),
             Catch::Contains("missing column(s) zrm_justitie; for zrm_justitie (did you mean 'zrm_justite'?)"));
  CHECK(error_of("id,id\n") == "x.csv: row 1: column id appears twice (fields 1 and 2)\n"
                               "x.csv: row 1: missing column(s) gemeente, geboortejaar, screeningsdatum, zrm_financien, "
                               "zrm_werk_opleiding, zrm_tijdsbesteding, zrm_huisvesting, zrm_huiselijke_relaties, "
                               "zrm_geestelijke_gezondheid, zrm_lichamelijke_gezondheid, zrm_middelengebruik, "
                               "zrm_basale_adl, zrm_instrumentele_adl, zrm_sociaal_netwerk, "
                               "zrm_maatschappelijke_participatie, zrm_justitie, ontheffing, status, status_sinds, "
                               "uitkering_sinds (see docs/data-formats.md)");
  CHECK(error_of(kHeader + "\"a1,Zoetermeer\n") == "x.csv: row 2, field 1: a quoted field is not closed (a '\"' is missing)");
  CHECK(error_of(kHeader + "a1,\"x\"geheim-42,Zoetermeer\n") ==
        "x.csv: row 2, field 2: unexpected text after a closing quote (a quote inside a quoted field is written \"\")");
  CHECK(error_of(std::string("\xFF\xFE" "i\0d\0", 6)) == "x.csv: the file is UTF-16 (Excel 'Unicode text'); save it as CSV UTF-8");
  CHECK(error_of("  \r\n") == "x.csv: the file is empty (expected a header row)");
  CHECK(error_of(kHeader) == "x.csv: the file has a header row but no data rows (expected one row per candidate)");
  try {
    read_screening_csv(kData + "does_not_exist.csv", options());
    FAIL("expected a DataError");
  } catch (const DataError& e) {
    CHECK_THAT(std::string(e.what()), Catch::EndsWith("does_not_exist.csv: cannot open the screening file (no such file, or not readable)"));
  }
}

// ---------------------------------------------------------------------------------------------
// Strict errors: one pinned message per rule

TEST_CASE("every row rule has its message: file, row, column and expectation, never the value", "[screening][errors]") {
  const std::string one = "\nx.csv: 1 problem(s); nothing was read";
  CHECK(error_of(kHeader + row_with(13, "6")) ==
        "x.csv: row 2, column zrm_instrumentele_adl: expected a ZRM score 1-5 (a whole number) or blank" + one);
  CHECK(error_of(kHeader + row_with(4, "0")) ==
        "x.csv: row 2, column zrm_financien: expected a ZRM score 1-5 (a whole number) or blank" + one);
  CHECK(error_of(kHeader + row_with(4, "3,5")) == "x.csv: row 2: expected 21 fields (as in the header), found 22" + one);
  CHECK(error_of(kHeader + row_with(4, "\"3,5\"")) ==
        "x.csv: row 2, column zrm_financien: expected a ZRM score 1-5 (a whole number) or blank" + one);
  CHECK(error_of(kHeader + row_with(1, "Zoetermer")) ==
        "x.csv: row 2, column gemeente: expected one of the gemeenten Zoetermeer, Lansingerland, Pijnacker-Nootdorp, "
        "Leidschendam-Voorburg, Wassenaar, Voorschoten (did you mean 'Zoetermeer'?)" + one);
  CHECK(error_of(kHeader + row_with(18, "werk")) ==
        "x.csv: row 2, column status: expected one of the states uitkering, traject, beschut, lks, regulier" + one);
  CHECK(error_of(kHeader + row_with(18, "trajekt")) ==
        "x.csv: row 2, column status: expected one of the states uitkering, traject, beschut, lks, regulier (did you mean 'traject'?)" + one);
  CHECK(error_of(kHeader + row_with(3, "2020-07-02")) ==
        "x.csv: row 2, column screeningsdatum: expected a date not after the reference date 2020-07-01" + one);
  CHECK(error_of(kHeader + row_with(3, "1-7-2020")) ==
        "x.csv: row 2, column screeningsdatum: expected a date YYYY-MM-DD (the field looks like a date written day-month-year; write year-month-day)" + one);
  CHECK(error_of(kHeader + row_with(3, "2020-02-30")) ==
        "x.csv: row 2, column screeningsdatum: expected a date YYYY-MM-DD" + one);
  CHECK(error_of(kHeader + row_with(19, "2020-08")) ==
        "x.csv: row 2, column status_sinds: expected a month not after the reference month 2020-07" + one);
  CHECK(error_of(kHeader + row_with(20, "2020-8")) ==
        "x.csv: row 2, column uitkering_sinds: expected a month YYYY-MM or blank" + one);
  CHECK(error_of(kHeader + row_with(19, "")) ==
        "x.csv: row 2, column status_sinds: expected a month YYYY-MM, found an empty field" + one);
  CHECK(error_of(kHeader + row_with(2, "1899")) ==
        "x.csv: row 2, column geboortejaar: expected a birth year 1910-2006" + one);
  CHECK(error_of(kHeader + row_with(2, "80")) ==
        "x.csv: row 2, column geboortejaar: expected a birth year 1910-2006" + one);
  CHECK(error_of(kHeader + row_with(17, "misschien")) ==
        "x.csv: row 2, column ontheffing: expected ja or nee (or 1/0)" + one);
  CHECK(error_of(kHeader + row_with(0, " ")) == "x.csv: row 2, column id: expected a pseudonymous id, found an empty field" + one);
  CHECK(error_of(kHeader + "a1,Zoetermeer\n") == "x.csv: row 2: expected 21 fields (as in the header), found 2" + one);
}

TEST_CASE("a duplicate id names both rows but never the id", "[screening][errors][privacy]") {
  const std::string e = error_of(kHeader + row_with(0, "geheim-42") + row_with(0, "ander") + row_with(0, "geheim-42"));
  CHECK(e == "x.csv: row 4, column id: duplicate id (first in row 2; the id is not shown)\n"
             "x.csv: 1 problem(s); nothing was read");
  CHECK(e.find("geheim") == std::string::npos);
}

TEST_CASE("all problems of a file are collected, in row order, up to the limit", "[screening][errors]") {
  try {
    read_screening_csv(kData + "bad_rows.csv", options());
    FAIL("expected a DataError");
  } catch (const DataError& e) {
    const std::string f = kData + "bad_rows.csv";
    CHECK(std::string(e.what()) ==
          f + ": row 2, column zrm_instrumentele_adl: expected a ZRM score 1-5 (a whole number) or blank\n" +
          f + ": row 3, column gemeente: expected one of the gemeenten Zoetermeer, Lansingerland, Pijnacker-Nootdorp, "
              "Leidschendam-Voorburg, Wassenaar, Voorschoten (did you mean 'Zoetermeer'?)\n" +
          f + ": row 4, column status: expected one of the states uitkering, traject, beschut, lks, regulier\n" +
          f + ": row 5, column screeningsdatum: expected a date not after the reference date 2020-07-01\n" +
          f + ": row 6, column id: duplicate id (first in row 2; the id is not shown)\n" +
          f + ": row 7, column screeningsdatum: expected a date YYYY-MM-DD (the field looks like a date written day-month-year; write year-month-day)\n" +
          f + ": 6 problem(s); nothing was read");
  }
  std::string many = kHeader;
  for (int i = 0; i < 80; ++i) many += row_with(5, "9", "r" + std::to_string(i));
  const std::string e = error_of(many);
  CHECK(std::count(e.begin(), e.end(), '\n') == 50);
  CHECK_THAT(e, Catch::EndsWith("x.csv: stopped after the first 50 problems; nothing was read"));
}

TEST_CASE("lenient mode skips bad rows and counts them by their first reason", "[screening][lenient]") {
  const auto d = read_screening_csv(kData + "bad_rows.csv", options(true));
  CHECK(d.rows_read == 7);
  CHECK(d.records.size() == 1);  // only b-07 is clean
  CHECK(d.skipped_total() == 6);
  CHECK(d.skipped[static_cast<std::size_t>(SkipReason::score_out_of_range)] == 1);
  CHECK(d.skipped[static_cast<std::size_t>(SkipReason::unknown_gemeente)] == 1);
  CHECK(d.skipped[static_cast<std::size_t>(SkipReason::unknown_state)] == 1);
  CHECK(d.skipped[static_cast<std::size_t>(SkipReason::future_date)] == 1);
  CHECK(d.skipped[static_cast<std::size_t>(SkipReason::duplicate_id)] == 1);
  CHECK(d.skipped[static_cast<std::size_t>(SkipReason::invalid_value)] == 1);
  CHECK(d.ids == std::vector<std::string>{"b-07"});
}

// ---------------------------------------------------------------------------------------------
// Segments on hand-worked rows (domain order: Fin, W&O, Tijd, Huisv, Relaties, GG, LG, Middel,
// BADL, IADL, Netwerk, Participatie, Justitie)

TEST_CASE("segments: hand-worked rows under the default rule", "[screening][segments]") {
  const SegmentRule rule;
  check_rule(rule);

  SECTION("fully self-reliant: distance 0, risk 0, kwadrant 1") {
    const auto s = segment(scores({5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5}), rule);
    CHECK(s.distance == 0.0);
    CHECK(s.risk == 0.0);
    CHECK(s.kwadrant == 1);
  }
  SECTION("W&O 2, Tijd 3, GG 3, LG 4, Middel 5: distance (2x3+2+2+1+0)/6 = 1.83, close; no risk: kwadrant 1") {
    const auto s = segment(scores({3, 2, 3, 4, 4, 3, 4, 5, 5, 4, 3, 3, 5}), rule);
    CHECK(s.distance == Approx(11.0 / 6));
    CHECK(s.distance_domains == 5);
    CHECK(s.risk == 0.0);
    CHECK(s.kwadrant == 1);
  }
  SECTION("GG 2 and Middel 2 (two key domains at 2): risk 2, high; distance (2+1+3+1+3)/6 = 1.67: kwadrant 2") {
    const auto s = segment(scores({4, 4, 4, 4, 4, 2, 4, 2, 4, 4, 4, 4, 4}), rule);
    CHECK(s.distance == Approx(10.0 / 6));
    CHECK(s.risk == 2.0);
    CHECK(s.high_risk);
    CHECK(s.kwadrant == 2);
  }
  SECTION("work domains all 3: distance exactly 2, far (threshold inclusive); Huisv 2 alone: risk 1, low: kwadrant 3") {
    const auto s = segment(scores({4, 3, 3, 2, 4, 3, 3, 3, 4, 4, 4, 4, 4}), rule);
    CHECK(s.distance == 2.0);
    CHECK(s.far_from_work);
    CHECK(s.risk == 1.0);
    CHECK_FALSE(s.high_risk);
    CHECK(s.kwadrant == 3);
  }
  SECTION("W&O at 1 is acute: risk 0 + 2, high; distance (2x4+3+2+2+1)/6 = 2.67, far: kwadrant 4") {
    const auto s = segment(scores({3, 1, 2, 4, 4, 3, 3, 4, 5, 4, 3, 3, 5}), rule);
    CHECK(s.distance == Approx(16.0 / 6));
    CHECK(s.risk == 2.0);
    CHECK(s.kwadrant == 4);
  }
  SECTION("Justitie at 1 (acute, and a key domain at <= 2): risk 1 + 2 = 3") {
    const auto s = segment(scores({5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 1}), rule);
    CHECK(s.risk == 3.0);
    CHECK(s.kwadrant == 2);
  }
  SECTION("a non-key domain at 2 adds nothing: Financiën 2 keeps risk 0") {
    CHECK(segment(scores({2, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5}), rule).risk == 0.0);
  }
  SECTION("blank W&O and Middel: distance over the 3 scored domains (3+3+3)/3 = 3, far; GG 2: risk 1: kwadrant 3") {
    const auto s = segment(scores({3, 0, 2, 4, 4, 2, 2, 0, 5, 4, 3, 3, 5}), rule);
    CHECK(s.distance_domains == 3);
    CHECK(s.distance == 3.0);
    CHECK(s.risk == 1.0);
    CHECK(s.kwadrant == 3);
  }
  SECTION("only 2 of 5 work domains scored: kwadrant 0 (undetermined)") {
    const auto s = segment(scores({3, 2, 0, 4, 4, 0, 2, 0, 5, 4, 3, 3, 5}), rule);
    CHECK(s.distance_domains == 2);
    CHECK_FALSE(s.distance_known);
    CHECK(s.kwadrant == 0);
  }
  SECTION("nothing scored at all: kwadrant 0, distance 0") {
    CHECK(segment(ZrmScores{}, rule).kwadrant == 0);
    CHECK(segment(ZrmScores{}, rule).distance == 0.0);
  }
}

TEST_CASE("segments: the rule's numbers are honoured", "[screening][segments]") {
  SegmentRule rule;
  rule.distance_weights.fill(0);
  rule.distance_weights[index(ZrmDomain::financien)] = 1;
  rule.min_distance_domains = 1;
  rule.far_from_work_at = 1.5;
  rule.acute_points = 0;
  rule.high_risk_at = 1;
  const auto s = segment(scores({3, 1, 1, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5}), rule);
  CHECK(s.distance == 2.0);
  CHECK(s.far_from_work);
  CHECK(s.risk == 0.0);
  CHECK(s.kwadrant == 3);
  CHECK(kwadrant(false, false) == 1);
  CHECK(kwadrant(false, true) == 2);
  CHECK(kwadrant(true, false) == 3);
  CHECK(kwadrant(true, true) == 4);
  rule.distance_weights.fill(0);
  CHECK_THROWS_AS(check_rule(rule), std::invalid_argument);
  // Infinite numbers are refused (the branch-free sums multiply each weight by a 0/1 flag).
  SegmentRule inf_weight, inf_points;
  inf_weight.risk_weights[0] = std::numeric_limits<double>::infinity();
  inf_points.acute_points = std::numeric_limits<double>::infinity();
  CHECK_THROWS_AS(check_rule(inf_weight), std::invalid_argument);
  CHECK_THROWS_AS(check_rule(inf_points), std::invalid_argument);
}

// ---------------------------------------------------------------------------------------------
// Synthetic extracts

namespace {
// Expected mean, variance and cross-moment of two domains' scores under the one-factor model,
// by integrating over the latent factor (given z the domains are independent).
struct Moments {
  double mean_a, var_a, mean_b, var_b, cross;
  double corr() const { return (cross - mean_a * mean_b) / std::sqrt(var_a * var_b); }
};
Moments expected_moments(const SynthOptions& o, int a, int b) {
  const boost::math::normal_distribution<double> N;
  auto cond_mean = [&](int d, double z, bool square) {
    const auto c = synth_thresholds(o.marginals[static_cast<std::size_t>(d)]);
    const double l = o.loadings[static_cast<std::size_t>(d)], s = std::sqrt(1 - l * l);
    double m = 0, below = 0;
    for (int k = 1; k <= 5; ++k) {
      const double cum = k == 5 ? 1.0 : boost::math::cdf(N, (c[static_cast<std::size_t>(k - 1)] - l * z) / s);
      m += (square ? k * k : k) * (cum - below);
      below = cum;
    }
    return m;
  };
  Moments mo{};
  const double h = 0.002;
  for (double z = -8; z <= 8; z += h) {
    const double w = boost::math::pdf(N, z) * h;
    const double ma = cond_mean(a, z, false), mb = cond_mean(b, z, false);
    mo.mean_a += w * ma;
    mo.mean_b += w * mb;
    mo.var_a += w * cond_mean(a, z, true);
    mo.var_b += w * cond_mean(b, z, true);
    mo.cross += w * ma * mb;
  }
  mo.var_a -= mo.mean_a * mo.mean_a;
  mo.var_b -= mo.mean_b * mo.mean_b;
  return mo;
}

double sample_corr(const ScreeningData& d, int a, int b) {
  double n = 0, sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
  for (const auto& r : d.records) {
    const double x = r.scores[static_cast<std::size_t>(a)], y = r.scores[static_cast<std::size_t>(b)];
    if (x == 0 || y == 0) continue;
    n += 1;
    sa += x;
    sb += y;
    saa += x * x;
    sbb += y * y;
    sab += x * y;
  }
  const double ca = saa / n - (sa / n) * (sa / n), cb = sbb / n - (sb / n) * (sb / n);
  return (sab / n - (sa / n) * (sb / n)) / std::sqrt(ca * cb);
}
}  // namespace

// kwadranten() is segment() for many persons at once (the kernel's rescreening): the same kwadrant
// for every person, under the default rule and four with other numbers (whole weights or not,
// sums that fit bytes or not: three ways of summing), with the rule and with a plan of it
// (plan_kwadranten), over all 6^5 combinations of
// scores (blank, 1-5) in the five work domains and varied scores in the rest, in blocks of uneven
// length (the vector loops and their remainders).
TEST_CASE("segments: kwadranten of many persons at once equals segment() person by person", "[screening][segments]") {
  SegmentRule other;
  other.distance_weights = {0, 1.5, 0.5, 0, 0, 2, 1, 1, 0, 0, 0.25, 0, 0};
  other.far_from_work_at = 2.25;
  other.min_distance_domains = 2;
  other.risk_problem_at = 3;
  other.acute_points = 1.5;
  other.high_risk_at = 2.5;
  // Whole weights take kwadranten()'s integer sums (the default rule too); the thresholds between
  // whole numbers make the final division count.
  SegmentRule whole = other;
  whole.distance_weights = {0, 3, 1, 0, 0, 2, 5, 1, 0, 0, 4, 0, 0};
  whole.risk_weights = {2, 0, 1, 0, 0, 3, 0, 1, 0, 0, 0, 0, 7};
  whole.far_from_work_at = 2.3;
  // Whole weights whose sums do not fit the plan's bytes (integer sums in 32 bits instead), and
  // whole thresholds that sums reach exactly (ties of >=).
  SegmentRule large = whole;
  large.distance_weights = {0, 300, 1, 0, 0, 2, 5, 1, 0, 0, 4, 0, 0};
  large.risk_weights = {200, 0, 100, 0, 0, 3, 0, 1, 0, 0, 0, 0, 7};
  large.far_from_work_at = 3.0;
  large.high_risk_at = 103;
  SegmentRule ties = whole;
  ties.far_from_work_at = 2.0;
  ties.acute_points = 2;
  ties.high_risk_at = 3;
  REQUIRE(plan_kwadranten(SegmentRule{}).bytes);
  REQUIRE(plan_kwadranten(whole).bytes);
  REQUIRE(plan_kwadranten(ties).bytes);
  REQUIRE_FALSE(plan_kwadranten(other).bytes);
  REQUIRE_FALSE(plan_kwadranten(large).bytes);
  for (const SegmentRule& rule : {SegmentRule{}, other, whole, large, ties}) {
    check_rule(rule);
    const KwadrantenPlan plan = plan_kwadranten(rule);
    std::array<std::vector<std::uint8_t>, kZrmDomains> cols;
    std::vector<int> expected;
    for (int k = 0; k < 7776; ++k) {  // 6^5
      ZrmScores sc{};
      int rest = k;
      for (int d = 0; d < kZrmDomains; ++d) {
        const bool work = d == 1 || d == 2 || d == 5 || d == 6 || d == 7;
        sc[static_cast<std::size_t>(d)] = static_cast<std::uint8_t>(work ? rest % 6 : (k * 7 + d * 3) % 6);
        if (work) rest /= 6;
      }
      for (std::size_t d = 0; d < cols.size(); ++d) cols[d].push_back(sc[d]);
      expected.push_back(segment(sc, rule).kwadrant);
    }
    for (const bool planned : {false, true})
      for (const std::size_t piece : {std::size_t{1}, std::size_t{13}, std::size_t{64}, std::size_t{517}}) {
        std::vector<std::uint8_t> got(expected.size());
        for (std::size_t b = 0; b < expected.size(); b += piece) {
          std::array<const std::uint8_t*, kZrmDomains> at{};
          for (std::size_t d = 0; d < at.size(); ++d) at[d] = cols[d].data() + b;
          if (planned)
            kwadranten(at, std::min(piece, expected.size() - b), plan, got.data() + b);
          else
            kwadranten(at, std::min(piece, expected.size() - b), rule, got.data() + b);
        }
        int mismatches = 0;
        for (std::size_t i = 0; i < expected.size(); ++i) mismatches += got[i] != expected[i] ? 1 : 0;
        INFO("piece " << piece << (planned ? ", planned" : ""));
        CHECK(mismatches == 0);
      }
    // A plan writes the caller's code of each kwadrant (the kernel's: segment numbers).
    KwadrantenPlan coded = plan;
    coded.code = {4, 0, 1, 2, 3};
    std::vector<std::uint8_t> got(expected.size());
    for (std::size_t b = 0; b < expected.size(); b += 517) {
      std::array<const std::uint8_t*, kZrmDomains> at{};
      for (std::size_t d = 0; d < at.size(); ++d) at[d] = cols[d].data() + b;
      kwadranten(at, std::min<std::size_t>(517, expected.size() - b), coded, got.data() + b);
    }
    int miscoded = 0;
    for (std::size_t i = 0; i < expected.size(); ++i) miscoded += got[i] != kwadrant_segment(expected[i]) ? 1 : 0;
    CHECK(miscoded == 0);
  }
}

TEST_CASE("rescreening assigns kwadranten by the scenario's segment rule, the one the start groups use", "[screening][segments][rescreening]") {
  // The tiny synthetic extract with yearly rescreening: one start group per person, with their scores.
  Scenario s = load_scenario(std::string(MKBA_TEST_DATA) + "/report/screening_tiny.yaml",
                             {{"rescreening", "{interval_months: 12, improve: {uitkering: 0.1}}"}});
  REQUIRE(s.rescreening);
  REQUIRE(s.start.size() == 210);
  auto kwadrant_of = [](const ZrmScores& scores, const SegmentRule& rule) {
    return static_cast<int>(kwadrant_segment(segment(scores, rule).kwadrant));
  };
  // Loaded with the default rule: the start groups and the compiled rescreening agree person by person.
  const engine::CompiledModel base = compile_model(s);
  REQUIRE(base.rescreening);
  for (const auto& g : s.start) {
    CHECK(g.segment == kwadrant_of(g.scores, SegmentRule{}));
    CHECK(base.rescreening->segment_of(g.scores) == g.segment);
  }
  // A rule under which nobody is at high risk moves every kwadrant 2 and 4 person (k2 -> k1, k4 -> k3):
  // rescreening must follow the scenario's rule, not the default.
  SegmentRule never_high;
  never_high.high_risk_at = 1000;
  check_rule(never_high);
  s.segment_rule = never_high;
  const engine::CompiledModel other = compile_model(s);
  int moved = 0;
  for (const auto& g : s.start) {
    const int expected = kwadrant_of(g.scores, never_high);
    CHECK(other.rescreening->segment_of(g.scores) == expected);
    // The kernel's batch rule (many persons at once) follows the same rule.
    std::array<const std::uint8_t*, kZrmDomains> at{};
    for (std::size_t d = 0; d < at.size(); ++d) at[d] = &g.scores[d];
    std::uint8_t batch = 255;
    other.rescreening->segments_of(at, 1, &batch);
    CHECK(static_cast<int>(batch) == expected);
    CHECK(expected != 1);
    CHECK(expected != 3);
    if (expected != kwadrant_of(g.scores, SegmentRule{})) ++moved;
  }
  CHECK(moved > 0);
}

TEST_CASE("synthetic extract: marginals, ontheffing, gemeenten and blanks within tolerance", "[screening][synth]") {
  SynthOptions o;
  o.persons = 40000;
  o.seed = 11;
  const auto d = synth_screening(o);
  REQUIRE(d.records.size() == 40000);
  const double n = 40000;

  std::int64_t exempt = 0;
  std::vector<double> per_gemeente(o.gemeenten.size(), 0);
  for (const auto& r : d.records) {
    exempt += r.ontheffing ? 1 : 0;
    per_gemeente[static_cast<std::size_t>(r.gemeente)] += 1;
  }
  // Binomial standard errors are at most 0.0025 at n = 40,000; tolerances are about 4 of them.
  CHECK(static_cast<double>(exempt) / n == Approx(0.275).margin(0.01));
  for (std::size_t g = 0; g < per_gemeente.size(); ++g) CHECK(per_gemeente[g] / n == Approx(o.gemeente_shares[g]).margin(0.01));

  for (int dom = 0; dom < kZrmDomains; ++dom) {
    std::array<double, 6> count{};
    for (const auto& r : d.records) count[r.scores[static_cast<std::size_t>(dom)]] += 1;
    const double scored = n - count[0];
    INFO("domain " << zrm_column(dom));
    CHECK(count[0] / n == Approx(o.blank_share[static_cast<std::size_t>(dom)]).margin(0.006));
    for (std::size_t k = 1; k <= 5; ++k)
      CHECK(count[k] / scored == Approx(o.marginals[static_cast<std::size_t>(dom)][k - 1]).margin(0.01));
  }
}

TEST_CASE("synthetic extract: correlations match the one-factor model", "[screening][synth]") {
  SynthOptions o;
  o.persons = 40000;
  o.seed = 12;
  const auto d = synth_screening(o);
  const int wo = index(ZrmDomain::werk_opleiding), td = index(ZrmDomain::tijdsbesteding),
            gg = index(ZrmDomain::geestelijke_gezondheid), ju = index(ZrmDomain::justitie);
  for (auto [a, b] : {std::pair{wo, td}, std::pair{wo, gg}, std::pair{gg, ju}}) {
    const double expected = expected_moments(o, a, b).corr();
    INFO(zrm_column(a) << " x " << zrm_column(b) << ": expected " << expected);
    CHECK(expected > 0.1);
    // The standard error of a correlation near 0.3 at n = 40,000 is below 0.005.
    CHECK(sample_corr(d, a, b) == Approx(expected).margin(0.02));
  }
  // Exempt people score lower on Werk & opleiding (the ontheffing propensity loads on the factor).
  double sum_exempt = 0, n_exempt = 0, sum_other = 0, n_other = 0;
  for (const auto& r : d.records) {
    const double s = r.scores[static_cast<std::size_t>(wo)];
    if (s == 0) continue;
    (r.ontheffing ? sum_exempt : sum_other) += s;
    (r.ontheffing ? n_exempt : n_other) += 1;
  }
  CHECK(sum_exempt / n_exempt < sum_other / n_other - 0.3);
}

TEST_CASE("synthetic extract: deterministic per seed, prefix-stable, and readable back strictly", "[screening][synth]") {
  const auto a = synth_screening(300, 5), b = synth_screening(300, 5), c = synth_screening(300, 6);
  const auto small = synth_screening(100, 5);
  CHECK(screening_csv(a) == screening_csv(b));
  CHECK(screening_csv(a) != screening_csv(c));
  for (std::size_t i = 0; i < small.records.size(); ++i) {
    CHECK(small.ids[i] == a.ids[i]);
    CHECK(small.records[i].scores == a.records[i].scores);
  }
  // The generator's output passes every rule of the reader, with either separator.
  ScreeningReadOptions o;
  o.gemeenten = a.gemeenten;
  o.states = a.states;
  o.reference = SynthOptions{}.peildatum;
  for (char sep : {',', ';'}) {
    const auto back = parse_screening_csv(screening_csv(a, sep), "synth.csv", o);
    REQUIRE(back.records.size() == 300);
    CHECK(back.ids == a.ids);
    CHECK(screening_csv(back) == screening_csv(a));
  }
  // Of those more than a year on benefit, screened_last_year were screened within the year.
  {
    SynthOptions so;
    so.persons = 20000;
    const auto big = synth_screening(so);
    const long peil = so.peildatum.days();
    double longer = 0, recent = 0;
    for (const auto& r : big.records) {
      if (peil - CalendarDate{r.benefit_since->year, r.benefit_since->month, 1}.days() <= 365) continue;
      longer += 1;
      recent += peil - r.screened.days() <= 365 ? 1 : 0;
    }
    CHECK(recent / longer == Approx(so.screened_last_year).margin(0.015));
  }
  // States: exempt people are on benefit; everyone started the benefit before being screened.
  for (const auto& r : a.records) {
    if (r.ontheffing) CHECK(r.state == 0);
    REQUIRE(r.benefit_since.has_value());
    CHECK(r.benefit_since->months_since(r.state_since) <= 0);
    CHECK(r.screened <= SynthOptions{}.peildatum);
    CHECK(r.screened.year_month().months_since(*r.benefit_since) >= 0);
  }
}

TEST_CASE("synthetic extract: inconsistent options are refused", "[screening][synth]") {
  SynthOptions o;
  o.gemeente_shares = {0.5, 0.5};
  CHECK_THROWS_AS(synth_screening(o), std::invalid_argument);
  o = SynthOptions{};
  o.ontheffing_share = 0.95;  // more exempt people than people on benefit
  CHECK_THROWS_AS(synth_screening(o), std::invalid_argument);
}

// ---------------------------------------------------------------------------------------------
// Bestandsanalyse

TEST_CASE("bestandsanalyse: counts by gemeente x kwadrant x state, screened in 12 months, suppression", "[screening][bestand]") {
  const auto d = read_screening_csv(kData + "valid_comma.csv", options());
  BestandOptions bo;
  bo.peildatum = {2020, 7, 1};
  const Bestand b = bestandsanalyse(d, bo);
  CHECK(b.persons == 5);
  // p-001 (Zoetermeer, uitkering): distance 1.83, risk 0 -> kwadrant 1.
  CHECK(b.cell(0, 1, 0) == 1);
  // p-002 (Wassenaar, uitkering): W&O 1 acute -> high risk; distance (8+3+3+2+1)/6 = 2.83 -> kwadrant 4.
  CHECK(b.cell(4, 4, 0) == 1);
  // The synthetic-looking row: all 3s, distance 2 -> far; no key domain <= 2 -> kwadrant 3.
  CHECK(b.cell(0, 3, 0) == 1);
  // p-004 (Voorschoten, traject): W&O 3, LG 4, Middel 5 scored -> (4+1+0)/4 = 1.25, kwadrant 1.
  CHECK(b.cell(5, 1, 1) == 1);
  // Screened after 2019-07-01 and not after 2020-07-01: all five.
  CHECK(b.screened_recent[0] == 2);
  CHECK(b.screened_recent[4] == 1);
  CHECK(b.ontheffing[4] == 1);

  CHECK(shown_count(0, 10) == "<10");
  CHECK(shown_count(9, 10) == "<10");
  CHECK(shown_count(10, 10) == "10");
  CHECK(shown_share(10, 30, 10) == "33,3");
  CHECK(shown_share(25, 30, 10) == "-");  // the 5 not screened would be revealed
  CHECK(shown_share(9, 30, 10) == "-");
  const std::string table = bestand_table(b);
  // Five persons: every count is small, so no digit-only count cell appears.
  CHECK_THAT(table, Catch::Contains("<10"));
  CHECK_THAT(table, !Catch::Contains("  1\n"));
  for (const auto& [name, csv] : bestand_csv(b)) {
    INFO(name);
    CHECK_THAT(csv, !Catch::Contains(",1\n"));
    CHECK_THAT(csv, !Catch::Contains(",5\n"));
  }
}

TEST_CASE("bestandsanalyse of a synthetic caseload: totals add up, distributions are complete", "[screening][bestand]") {
  const auto d = synth_screening(3150, 20200701);
  BestandOptions bo;
  bo.peildatum = {2020, 7, 1};
  const Bestand b = bestandsanalyse(d, bo);
  std::int64_t cells = 0, dist = 0, risk = 0;
  for (auto n : b.cells) cells += n;
  for (auto n : b.distance_hist) dist += n;
  for (auto n : b.risk_hist) risk += n;
  CHECK(cells == 3150);
  CHECK(dist == 3150);
  CHECK(risk == 3150);
  std::int64_t recent = 0;
  for (auto n : b.screened_recent) recent += n;
  // 70 % of the long-stayers plus everyone who entered within the year.
  CHECK(static_cast<double>(recent) / 3150 > 0.7);
  // Every kwadrant is populated in a caseload of this shape.
  for (int k = 1; k <= 4; ++k) {
    std::int64_t n = 0;
    for (int g = 0; g < 6; ++g)
      for (int s = 0; s < 4; ++s) n += b.cell(g, k, s);
    INFO("kwadrant " << k);
    CHECK(n > 100);
  }
  const std::string table = bestand_table(b);
  CHECK_THAT(table, Catch::Contains("4 ver van werk, hoog risico"));
  CHECK_THAT(table, Catch::Contains("regio (totaal)"));
}

TEST_CASE("privacy: no output of the bestandsanalyse or of any error contains an input id", "[screening][privacy]") {
  const auto d = synth_screening(3150, 99);
  BestandOptions bo;
  bo.peildatum = {2020, 7, 1};
  const Bestand b = bestandsanalyse(d, bo);
  std::vector<std::string> outputs{bestand_table(b)};
  for (const auto& f : bestand_csv(b)) outputs.push_back(f.second);
  // Lenient and strict reading of a file with duplicates of every id.
  const std::string text = screening_csv(d);
  auto o = options();
  o.states = d.states;
  try {
    parse_screening_csv(text + text.substr(text.find('\n') + 1), "dup.csv", o);
  } catch (const DataError& e) {
    outputs.emplace_back(e.what());
  }
  REQUIRE(outputs.back().find("duplicate id") != std::string::npos);
  for (const auto& id : d.ids)
    for (const auto& out : outputs) REQUIRE(out.find(id) == std::string::npos);
}

// ---------------------------------------------------------------------------------------------
// Bridge to the engine

TEST_CASE("screening groups: one engine PersonGroup per gemeente x segment x state x months in state", "[screening][population]") {
  const auto d = read_screening_csv(kData + "valid_comma.csv", options());
  const auto groups = screening_groups(d, SegmentRule{}, YearMonth{2020, 7});
  REQUIRE(groups.size() == 5);
  std::int64_t persons = 0;
  for (const auto& g : groups) persons += g.persons;
  CHECK(persons == 5);
  // Sorted by gemeente first: Zoetermeer's two people come first. p-001: kwadrant 1 -> segment 0,
  // uitkering since 2018-05 -> 26 months at 2020-07; the all-3s row: kwadrant 3 -> segment 2, 0 months.
  CHECK(groups[0].gemeente == 0);
  CHECK(groups[0].segment == 0);
  CHECK(groups[0].months_in_state == 26);
  CHECK(groups[1].segment == 2);
  CHECK(groups[1].months_in_state == 0);
  // p-002 (Wassenaar, kwadrant 4 -> segment 3).
  CHECK(groups[3].gemeente == 4);
  CHECK(groups[3].segment == 3);
  CHECK(kwadrant_segment(0) == 4);
  const auto synth = screening_groups(synth_screening(3150, 1), SegmentRule{}, YearMonth{2020, 7});
  persons = 0;
  for (const auto& g : synth) persons += g.persons;
  CHECK(persons == 3150);
}

// ---------------------------------------------------------------------------------------------
// Issue 20: nothing accepted silently, no record content in a message

TEST_CASE("a header-only extract, a birth after the screening and a broken quote are refused without content",
          "[screening][errors][privacy]") {
  auto error_in = [](const std::string& name) {
    try {
      read_screening_csv(kData + name, options());
    } catch (const DataError& e) {
      return std::string(e.what());
    }
    return std::string("(no error)");
  };
  CHECK(error_in("bad_header_only.csv") ==
        kData + "bad_header_only.csv: the file has a header row but no data rows (expected one row per candidate)");
  CHECK(error_in("bad_birth_after_screening.csv") ==
        kData + "bad_birth_after_screening.csv: row 2, column geboortejaar: expected a birth year not after the year "
                "of the screening\n" + kData + "bad_birth_after_screening.csv: 1 problem(s); nothing was read");
  const std::string quote = error_in("bad_broken_quote_private.csv");
  CHECK(quote == kData + "bad_broken_quote_private.csv: row 2, field 22: unexpected text after a closing quote (a quote "
                         "inside a quoted field is written \"\")");
  CHECK(quote.find("geheim") == std::string::npos);
  CHECK(quote.find("Jansen") == std::string::npos);
  // Lenient mode skips bad rows, but a file with no rows at all is still refused.
  CHECK_THROWS_AS(read_screening_csv(kData + "bad_header_only.csv", options(true)), DataError);
}

TEST_CASE("no row message quotes the record: every rule names row and column only", "[screening][errors][privacy]") {
  // Each row breaks one rule with a value that contains a marker; no message may contain it.
  const std::vector<std::pair<std::size_t, std::string>> bad = {
      {1, "GEHEIMgemeente"}, {2, "19GEHEIM"}, {3, "GEHEIM-07-01"}, {4, "GEHEIM"}, {17, "GEHEIM"},
      {18, "GEHEIM"},        {19, "GEHEIM"},  {20, "GEHEIM"}};
  for (const auto& [col, v] : bad) {
    const std::string e = error_of(kHeader + row_with(col, v));
    INFO(e);
    CHECK(e.find("GEHEIM") == std::string::npos);
    CHECK_THAT(e, Catch::StartsWith("x.csv: row 2, column "));
  }
}

TEST_CASE("an over-long header line or field is refused as soon as it is seen", "[screening][errors][large]") {
  // A 10 MB single-line file: refused from its first 64 KiB, not after parsing all of it.
  CHECK(error_of(std::string(std::size_t{10} << 20, 'x')) ==
        "x.csv: row 1: the header line is longer than 65536 characters; expected a CSV file with named columns (is "
        "this the right file?)");
  const std::string long_field(std::size_t{64} << 10 | 1, 'y');
  CHECK(error_of(kHeader + row_with(0, long_field)) ==
        "x.csv: row 2, field 1: longer than 65536 characters; no field of this file is that long (is this the right "
        "file?)");
  CHECK(error_of(kHeader + row_with(0, "\"" + long_field + "\"")) ==
        "x.csv: row 2, field 1: longer than 65536 characters; no field of this file is that long (is this the right "
        "file?)");
  // Exactly at the limit is still a field (here: an id that is valid, if long).
  CHECK(error_of(kHeader + row_with(0, std::string(std::size_t{64} << 10, 'y'))) == "(no error)");
}

// Disclosure control on hand-made tables: primary suppression, secondary suppression so nothing is
// recoverable from totals (within a table and across gemeenten), and the rendered symbols.
#include <mkba/report/disclosure.hpp>
#include <mkba/report/table_writers.hpp>

#include <catch2/catch.hpp>

#include <vector>

using namespace mkba::report;

namespace {

// An r x c table of counts with row totals, column totals and a grand total; ids[i][j], with
// i == r the total row and j == c the total column.
struct Grid {
  std::vector<std::vector<int>> ids;
};

Grid add_table(DisclosureProblem& p, const std::vector<std::vector<double>>& v) {
  const std::size_t r = v.size(), c = v[0].size();
  Grid g;
  g.ids.assign(r + 1, std::vector<int>(c + 1));
  std::vector<double> col(c + 1, 0.0);
  for (std::size_t i = 0; i < r; ++i) {
    double row = 0;
    for (std::size_t j = 0; j < c; ++j) {
      g.ids[i][j] = p.add_cell(v[i][j], v[i][j]);
      row += v[i][j];
      col[j] += v[i][j];
    }
    g.ids[i][c] = p.add_cell(row, row);
    col[c] += row;
    p.add_relation(g.ids[i][c], std::vector<int>(g.ids[i].begin(), g.ids[i].begin() + static_cast<long>(c)));
  }
  for (std::size_t j = 0; j <= c; ++j) {
    g.ids[r][j] = p.add_cell(col[j], col[j]);
    std::vector<int> members;
    for (std::size_t i = 0; i < r; ++i) members.push_back(g.ids[i][j]);
    p.add_relation(g.ids[r][j], members);
  }
  p.add_relation(g.ids[r][c], std::vector<int>(g.ids[r].begin(), g.ids[r].begin() + static_cast<long>(c)));
  return g;
}

void require_nothing_recoverable(const DisclosureProblem& p, const Disclosure& d) {
  for (int c = 0; c < p.size(); ++c)
    if (d.suppressed[c]) {
      INFO("cell " << c << " (value " << p.value[c] << ")");
      REQUIRE_FALSE(recoverable(p, d.suppressed, c));
    }
}

// Every relation has no hidden cell or at least two.
void require_line_rule(const DisclosureProblem& p, const Disclosure& d) {
  for (const auto& rel : p.relations) {
    int hidden = d.suppressed[rel.total] ? 1 : 0;
    for (int m : rel.members) hidden += d.suppressed[m] ? 1 : 0;
    REQUIRE(hidden != 1);
  }
}

}  // namespace

TEST_CASE("disclosure: a small count is hidden and cannot be recovered from the totals", "[report][disclosure]") {
  DisclosureProblem p;
  const Grid g = add_table(p, {{120, 4, 60}, {80, 50, 30}, {200, 45, 70}});
  const Disclosure d = protect(p, 10);
  CHECK(d.primary[g.ids[0][1]]);
  CHECK(d.suppressed[g.ids[0][1]]);
  int primaries = 0, hidden = 0;
  for (int c = 0; c < p.size(); ++c) {
    primaries += d.primary[c] ? 1 : 0;
    hidden += d.suppressed[c] ? 1 : 0;
  }
  CHECK(primaries == 1);
  CHECK(hidden == 4);  // the cheapest rectangle: the small cell and three partners
  require_line_rule(p, d);
  require_nothing_recoverable(p, d);
}

TEST_CASE("disclosure: the threshold is configurable and structural zeros stay published", "[report][disclosure]") {
  DisclosureProblem p;
  const Grid g = add_table(p, {{120, 7, 0}, {80, 50, 0}});
  CHECK_FALSE(protect(p, 5).suppressed[g.ids[0][1]]);
  const Disclosure d = protect(p, 10);
  CHECK(d.suppressed[g.ids[0][1]]);
  CHECK_FALSE(d.suppressed[g.ids[0][2]]);  // a zero is not based on any person
  CHECK_FALSE(d.suppressed[g.ids[1][2]]);
  require_nothing_recoverable(p, d);
}

TEST_CASE("disclosure: recoverable() finds a cell bridging two blocks of hidden cells", "[report][disclosure]") {
  // Two hidden 2x2 rectangles joined by one hidden cell (1,2): every row and column has two or more
  // hidden cells, yet rows 0-1 minus columns 0-1 give (1,2) exactly.
  DisclosureProblem p;
  const Grid g = add_table(p, {{20, 30, 40, 50}, {60, 70, 80, 90}, {15, 25, 35, 45}, {55, 65, 75, 85}});
  std::vector<bool> hidden(static_cast<std::size_t>(p.size()), false);
  for (auto [i, j] : {std::pair{0, 0}, {0, 1}, {1, 0}, {1, 1}, {2, 2}, {2, 3}, {3, 2}, {3, 3}, {1, 2}}) hidden[g.ids[i][j]] = true;
  CHECK(recoverable(p, hidden, g.ids[1][2]));
  CHECK_FALSE(recoverable(p, hidden, g.ids[0][0]));

  // The same pattern as primary suppressions: protect() must hide more until nothing is recoverable.
  for (auto [i, j] : {std::pair{0, 0}, {0, 1}, {1, 0}, {1, 1}, {2, 2}, {2, 3}, {3, 2}, {3, 3}, {1, 2}}) p.basis[g.ids[i][j]] = 3;
  const Disclosure d = protect(p, 10);
  require_line_rule(p, d);
  require_nothing_recoverable(p, d);
}

TEST_CASE("disclosure: a gemeente's hidden cell is not recoverable from the region table", "[report][disclosure]") {
  DisclosureProblem p;
  const Grid a = add_table(p, {{500, 300}, {200, 400}});
  const Grid b = add_table(p, {{6, 30}, {25, 40}});
  const Grid region = add_table(p, {{506, 330}, {225, 440}});
  for (std::size_t i = 0; i < 3; ++i)
    for (std::size_t j = 0; j < 3; ++j) p.add_relation(region.ids[i][j], {a.ids[i][j], b.ids[i][j]});
  const Disclosure d = protect(p, 10);
  CHECK(d.suppressed[b.ids[0][0]]);
  require_line_rule(p, d);
  require_nothing_recoverable(p, d);
  // The pattern is deterministic.
  CHECK(protect(p, 10).suppressed == d.suppressed);
}

TEST_CASE("disclosure: a known total (transfers net to zero) does not protect a cell", "[report][disclosure]") {
  // One transfer: the gemeente pays what the kandidaat receives, so the row's society total is 0
  // for anyone who knows the accounting. Hiding only the kandidaat and that total would leak it.
  DisclosureProblem p;
  const int kandidaat = p.add_cell(-5000, 4);
  const int gemeente = p.add_cell(5000, 4);
  const int rijk = p.add_cell(0, 0);
  const int society = p.add_cell(0, 4, true);
  p.add_relation(society, {kandidaat, gemeente, rijk});
  const Disclosure d = protect(p, 10);
  CHECK(d.suppressed[kandidaat]);
  CHECK(d.suppressed[gemeente]);
  CHECK_FALSE(d.suppressed[society]);
  CHECK_FALSE(d.suppressed[rijk]);  // a structural zero is known as well
}

TEST_CASE("disclosure: rendered cells never print a hidden value", "[report][disclosure]") {
  Table t;
  t.id = "t";
  t.title = "Test";
  t.corner = "Rij";
  t.columns = {"A", "B"};
  t.rows = {"r1", "r2"};
  Cell small = Cell::of(Unit::persons, 7);
  small.suppressed = small.below_threshold = true;
  Cell secondary = Cell::of(Unit::euro, 123456.78);
  secondary.suppressed = true;
  t.cells = {{small, Cell::of(Unit::persons, 42)}, {secondary, Cell::of(Unit::euro, -1234.5)}};
  const std::string plain = table_csv(t, 10, CsvDialect::plain);
  const std::string nl = table_csv(t, 10, CsvDialect::dutch_excel);
  const std::string md = table_markdown(t, 10);
  CHECK(plain == "Rij,A,B\nr1,<10,42.0\nr2,x,-1234.50\n");
  CHECK(nl == "\xEF\xBB\xBFRij;A;B\r\nr1;<10;42,0\r\nr2;x;-1234,50\r\n");
  CHECK(md.find("| r1 | <10 | 42 |") != std::string::npos);
  CHECK(md.find("| r2 | x | -1.235 |") != std::string::npos);
  for (const auto* s : {&plain, &nl, &md}) {
    CHECK(s->find("123456") == std::string::npos);
    CHECK(s->find("123.456") == std::string::npos);
    CHECK(s->find("7") == std::string::npos);
  }
  CHECK(table_csv(t, 5, CsvDialect::plain).find("<5") != std::string::npos);
}

// Issue 19: cells another output publishes with its own pattern enter as fixed: its published cells
// as known (never hidden), its hidden ones as forced. The problem can only hide more of its own
// cells around them.
TEST_CASE("disclosure: forced cells stay hidden, known ones published, own cells hidden around them", "[report][disclosure][issue19]") {
  DisclosureProblem p;
  // The other output: a = 40 and b = 30 hidden there (secondary), their total 70 published.
  const int a = p.add_cell(40, 40, false, true), b = p.add_cell(30, 30, false, true), t = p.add_cell(70, 70, true);
  p.add_relation(t, {a, b});
  // This output's own cells: a = x + y and b = u + v, all large.
  const int x = p.add_cell(15, 15), y = p.add_cell(25, 25), u = p.add_cell(12, 12), v = p.add_cell(18, 18);
  p.add_relation(a, {x, y});
  p.add_relation(b, {u, v});
  const Disclosure d = protect(p, 10);
  CHECK(d.suppressed[a]);
  CHECK(d.suppressed[b]);
  CHECK_FALSE(d.primary[a]);  // hidden for the other output's pattern, not for its own basis: printed "x"
  CHECK_FALSE(d.suppressed[t]);
  CHECK((d.suppressed[x] || d.suppressed[y]));  // else a = x + y would give it away
  CHECK((d.suppressed[u] || d.suppressed[v]));
  require_nothing_recoverable(p, d);
  require_line_rule(p, d);
  // Forced wins over known.
  DisclosureProblem q;
  const int f = q.add_cell(50, 50, true, true);
  CHECK_FALSE(q.known[static_cast<std::size_t>(f)]);
  CHECK(protect(q, 10).suppressed[static_cast<std::size_t>(f)]);
}

// `mkba dashboard --realisatie`: the Realisatie section's numbers on a tiny hand-made realisatie
// against hand counts, and the disclosure property for a tiny gemeente: every published count is
// true and none lies in (0, 10), and in a problem built from the page's own layout (states to the
// total, gemeenten to the region, the months tied by stand(m-1) + instroom = stand(m) + vertrek and
// uitstroom = vertrek + moves to work, with vertrek and the moves unknown) no hidden cell is pinned.
#include <mkba/models/realisatie.hpp>
#include <mkba/report/dashboard.hpp>
#include <mkba/report/dashboard_realisatie.hpp>
#include <mkba/report/disclosure.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

using namespace mkba;

namespace {
std::size_t z(int i) { return static_cast<std::size_t>(i); }

// Gemeente A (large) and B (a handful of persons), three months. Per row the accounting holds:
// stand = previous stand + instroom + moves in - moves out - vertrek.
const char* kCsv =
    "gemeente,maand,status,stand,instroom,vertrek,naar_uitkering,naar_traject,naar_regulier,plaatsen\n"
    "A,2026-01,uitkering,100,0,0,0,0,0,\n"
    "A,2026-01,traject,30,0,0,0,0,0,25.5\n"
    "A,2026-01,regulier,20,0,0,0,0,0,\n"
    "B,2026-01,uitkering,4,0,0,0,0,0,\n"
    "B,2026-01,traject,1,0,0,0,0,0,1\n"
    "A,2026-02,uitkering,93,12,5,0,10,4,\n"
    "A,2026-02,traject,33,0,1,0,0,6,27\n"
    "A,2026-02,regulier,28,0,2,0,0,0,\n"
    "B,2026-02,uitkering,4,1,0,0,1,0,\n"
    "B,2026-02,traject,1,0,0,0,0,1,1\n"
    "B,2026-02,regulier,1,0,0,0,0,0,\n"
    "A,2026-03,uitkering,92,15,3,0,8,5,\n"
    "A,2026-03,traject,34,0,0,0,0,7,30\n"
    "A,2026-03,regulier,39,0,1,0,0,0,\n"
    "B,2026-03,uitkering,3,0,1,0,0,0,\n"
    "B,2026-03,traject,1,0,0,0,0,0,1\n"
    "B,2026-03,regulier,1,0,0,0,0,0,\n";

Realisatie tiny() {
  RealisatieReadOptions o;
  o.gemeenten = {"A", "B"};
  o.states = {"uitkering", "traject", "regulier"};
  return parse_realisatie_csv(kCsv, "tiny.csv", o);
}
}  // namespace

TEST_CASE("dashboard realisatie: stand, instroom, uitstroom and places against hand counts", "[dashboard]") {
  const report::RealisatieFigures f = report::realisatie_figures(tiny());
  const int G = 2, S = 3;
  REQUIRE(f.months.size() == 3);
  REQUIRE(f.work == 2);
  REQUIRE(f.has_plaatsen);
  // A, 2026-02: stand 93 + 33 + 28; instroom 12 (uitkering); uitstroom = vertrek + moves to regulier.
  CHECK(f.stand[f.at(1, 0, S)] == 154);
  CHECK(f.instroom[f.at(1, 0, 0)] == 12);
  CHECK(f.instroom[f.at(1, 0, S)] == 12);
  CHECK(f.uitstroom[f.at(1, 0, 0)] == 5 + 4);
  CHECK(f.uitstroom[f.at(1, 0, 1)] == 1 + 6);
  CHECK(f.uitstroom[f.at(1, 0, 2)] == 2);  // from regulier itself: vertrek only
  CHECK(f.uitstroom[f.at(1, 0, S)] == 18);
  CHECK(f.vertrek[1 * z(G + 1) + 0] == 8);
  CHECK(f.naar_werk[1 * z(G + 1) + 0] == 10);
  // The region: the sum of A and B.
  CHECK(f.stand[f.at(1, G, 0)] == 97);
  CHECK(f.stand[f.at(1, G, S)] == 160);
  CHECK(f.uitstroom[f.at(1, G, S)] == 19);
  CHECK(f.stand[f.at(2, G, S)] == 170);
  CHECK(f.instroom[f.at(2, G, S)] == 15);
  CHECK(f.uitstroom[f.at(2, 1, S)] == 1);
  CHECK(f.plaatsen[f.at(0, G, 1)] == Approx(26.5));
  CHECK(f.plaatsen[f.at(2, 0, S)] == Approx(30));
  // The accounting the disclosure problem relies on: stand(m-1) + instroom(m) = stand(m) + vertrek(m).
  for (int m = 1; m < 3; ++m)
    for (int g = 0; g <= G; ++g)
      CHECK(f.stand[f.at(m - 1, g, S)] + f.instroom[f.at(m, g, S)] == f.stand[f.at(m, g, S)] + f.vertrek[z(m) * z(G + 1) + z(g)]);
}

TEST_CASE("dashboard realisatie: a tiny gemeente's cells are not recoverable by subtraction", "[disclosure][dashboard]") {
  const report::RealisatieFigures f = report::realisatie_figures(tiny());
  const int G = 2, S = 3, M = 3, small = 10;
  const report::PublishedRealisatie pub = report::dashboard_realisatie(f, small);
  // Published counts are true, none in (0, 10); every nonzero count of B is hidden.
  int hidden_count = 0;
  using Pair = std::pair<const std::vector<double>*, const std::vector<double>*>;
  for (const Pair& q0 : {Pair{&f.stand, &pub.stand}, Pair{&f.instroom, &pub.instroom}, Pair{&f.uitstroom, &pub.uitstroom}}) {
    const Pair* q = &q0;
    for (std::size_t i = 0; i < q->first->size(); ++i) {
      const double v = (*q->second)[i];
      if (v < 0) {
        ++hidden_count;
        continue;
      }
      CHECK(v == (*q->first)[i]);
      CHECK_FALSE((v > 0 && v < small));
    }
  }
  for (int m = 0; m < M; ++m)
    for (int s = 0; s <= S; ++s)
      if (f.stand[f.at(m, 1, s)] > 0) CHECK(pub.stand[f.at(m, 1, s)] < 0);
  CHECK(hidden_count > 0);
  for (std::size_t i = 0; i < f.plaatsen.size(); ++i)
    if (pub.plaatsen[i] >= 0) CHECK(pub.plaatsen[i] == Approx(f.plaatsen[i]));

  // The page's layout as an outsider sees it; vertrek and the moves to work are unknowns.
  report::DisclosureProblem p;
  std::vector<bool> hidden;
  auto cells = [&](const std::vector<double>& v, const std::vector<double>& shown) {
    std::vector<int> id;
    for (std::size_t i = 0; i < v.size(); ++i) {
      id.push_back(p.add_cell(v[i], v[i]));
      hidden.push_back(shown[i] < 0);
    }
    for (int m = 0; m < M; ++m) {
      for (int g = 0; g <= G; ++g) {
        std::vector<int> mem;
        for (int s = 0; s < S; ++s) mem.push_back(id[f.at(m, g, s)]);
        p.add_relation(id[f.at(m, g, S)], mem);
      }
      for (int s = 0; s <= S; ++s) {
        std::vector<int> mem;
        for (int g = 0; g < G; ++g) mem.push_back(id[f.at(m, g, s)]);
        p.add_relation(id[f.at(m, G, s)], mem);
      }
    }
    return id;
  };
  const auto stand = cells(f.stand, pub.stand), instroom = cells(f.instroom, pub.instroom),
             uitstroom = cells(f.uitstroom, pub.uitstroom), plaatsen = cells(f.plaatsen, pub.plaatsen);
  std::vector<int> vertrek;
  for (int m = 1; m < M; ++m)
    for (int g = 0; g <= G; ++g) {
      const std::size_t a = z(m) * z(G + 1) + z(g);
      const double xv = f.stand[f.at(m - 1, g, S)] + f.instroom[f.at(m, g, S)];
      const int x = p.add_cell(xv, xv), vt = p.add_cell(f.vertrek[a], f.vertrek[a]), nw = p.add_cell(f.naar_werk[a], f.naar_werk[a]);
      hidden.insert(hidden.end(), {true, true, true});
      vertrek.push_back(vt);
      p.add_relation(x, {stand[f.at(m - 1, g, S)], instroom[f.at(m, g, S)]});
      p.add_relation(x, {stand[f.at(m, g, S)], vt});
      p.add_relation(uitstroom[f.at(m, g, S)], {vt, nw});
    }
  for (const auto& rel : p.relations) {
    double sum = 0;
    for (int m : rel.members) sum += p.value[z(m)];
    REQUIRE(sum == Approx(p.value[z(rel.total)]));
  }
  for (const auto* ids : {&stand, &instroom, &uitstroom, &plaatsen})
    for (const int c : *ids)
      if (hidden[z(c)]) CHECK_FALSE(report::recoverable(p, hidden, c));
  // A small vertrek (not on the page) cannot be derived from the stands and the instroom either.
  for (const int c : vertrek)
    if (p.value[z(c)] > 0 && p.value[z(c)] < small) CHECK_FALSE(report::recoverable(p, hidden, c));

  // The embedded JSON holds exactly the published cells: one null per hidden cell.
  const std::string j = report::realisatie_json(f, small);
  std::size_t nulls = 0;
  for (std::size_t at = j.find("null"); at != std::string::npos; at = j.find("null", at + 1)) ++nulls;
  std::size_t expect = 0;
  for (const auto* v : {&pub.stand, &pub.instroom, &pub.uitstroom, &pub.plaatsen})
    for (const double x : *v) expect += x < 0 ? 1 : 0;
  CHECK(nulls == expect);
  CHECK(j.find("\"plaatsen\":[") != std::string::npos);
}

// Disclosure control of `mkba calibrate --by ...` (issue 19, docs/calibration.md "Disclosure").
#include <mkba/models/calibrate.hpp>
#include <mkba/report/calibration_disclosure.hpp>

#include <catch2/catch.hpp>

#include <sstream>
#include <string>

using namespace mkba;

namespace {

// Two segments: "groot" with 12 persons, each 6 months in a and then to b (72 months at risk, 12
// moves), and "klein" with 3 persons, each 3 months in a and then to b (9 months, 3 moves). Pooled:
// 81 months, 15 moves, 66 staying.
Calibration two_segments() {
  EpisodeData ep;
  ep.states = {"a", "b"};
  ep.extraction = YearMonth{2020, 12};
  std::vector<int> seg;
  for (int p = 0; p < 15; ++p) {
    const bool small = p >= 12;
    ep.ids.push_back("id" + std::to_string(p));
    Episode e;
    e.person = p;
    e.state = 0;
    e.begin = YearMonth{2020, 1};
    e.end = YearMonth{2020, small ? 3 : 6};
    e.next = 1;
    ep.episodes.push_back(e);
    seg.push_back(small ? 1 : 0);
  }
  return calibrate_episodes(ep, seg, {"groot", "klein"}, CalibrationOptions{});
}

std::vector<std::string> lines_with(const std::string& text, const std::string& part) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (line.find(part) != std::string::npos) out.push_back(line);
  return out;
}

}  // namespace

TEST_CASE("calibrate: a segment under the threshold is pooled and the pooled counts are hidden", "[calibration_disclosure]") {
  const Calibration c = two_segments();
  REQUIRE(c.segment_persons == std::vector<std::int64_t>{12, 3});
  REQUIRE(c.row(-1, 0, 0).exposure == 81);
  REQUIRE(c.row(-1, 0, 0).moves[1] == 15);
  const CalibrationHidden h = report::calibration_disclosure(c, 10);
  CHECK(h.pooled_segment == std::vector<bool>{false, true});
  // Pooled = groot + klein with groot published (its rates pin its counts down): the pooled counts
  // of state a would give klein's by subtraction, so they are hidden; state b has no data anywhere.
  CHECK(h.pooled_exposure == std::vector<bool>{true, false});
  CHECK(h.pooled_moves[0] == std::vector<bool>{true, true});
  CHECK(h.pooled_out[0]);
  CHECK_FALSE(h.row_exposure[0]);  // groot, a
  CHECK(h.row_moves[0] == std::vector<bool>{false, false});

  const std::string csv = calibration_fit_csv(c, &h);
  // 81 months at risk: flagged weinig data.
  CHECK(lines_with(csv, "pooled,0,a,b,") ==
        std::vector<std::string>{"pooled,0,a,b,x,x,x,0.185185,x,x,x,0.185185,x,weinig_data"});
  CHECK(lines_with(csv, "groot,0,a,b,").size() == 1);
  CHECK(lines_with(csv, "klein,") == std::vector<std::string>{"klein,,,,x,x,x,x,x,x,x,x,x,gepoold_minder_dan_10_personen"});
  const std::string txt = calibration_report(&c, nullptr, CalibrationSource{}, &h);
  CHECK(lines_with(txt, "pooled | band vanaf maand 0 | a:") == std::vector<std::string>{"pooled | band vanaf maand 0 | a: x maanden, x overgangen  [weinig data]"});
  CHECK(lines_with(txt, "klein |").empty());
  CHECK(lines_with(txt, "klein: minder dan 10 personen").size() == 1);

  // The published segment's rates are the same as without the control; klein has none of its own.
  CalibrationSource src;
  src.transitions = true;
  const std::string open = calibration_yaml(&c, nullptr, src);
  const std::string yaml = calibration_yaml(&c, nullptr, src, &h);
  CHECK(lines_with(yaml, "  p_groot_a_b:") == lines_with(open, "  p_groot_a_b:"));
  CHECK(lines_with(yaml, "mean:").size() == 2);  // pooled and groot
  CHECK(lines_with(yaml, "  p_klein").empty());
  CHECK(lines_with(yaml, "probability: p_klein").empty());
  CHECK(lines_with(yaml, "{from: a, to: b, probability: p_a_b}").size() == 1);  // klein's by_segment: the pooled
  CHECK(lines_with(yaml, "x of x months at risk moved").size() == 1);
}

TEST_CASE("calibrate: nothing hidden at or above the threshold, or with threshold 0", "[calibration_disclosure]") {
  const Calibration c = two_segments();
  for (double threshold : {3.0, 0.0}) {
    const CalibrationHidden h = report::calibration_disclosure(c, threshold);
    CHECK(h.pooled_segment == std::vector<bool>{false, false});
    CHECK(h.pooled_exposure == std::vector<bool>{false, false});
    CHECK(calibration_fit_csv(c, &h) == calibration_fit_csv(c));
    CHECK(calibration_report(&c, nullptr, CalibrationSource{}, &h) == calibration_report(&c, nullptr, CalibrationSource{}));
  }
}

TEST_CASE("calibrate: without segments, fewer persons than the threshold hides the counts, not the rates", "[calibration_disclosure]") {
  EpisodeData ep;
  ep.states = {"a", "b"};
  ep.extraction = YearMonth{2020, 12};
  for (int p = 0; p < 3; ++p) {  // klein alone: 3 persons, 9 months at risk, 3 moves
    ep.ids.push_back("id" + std::to_string(p));
    Episode e;
    e.person = p;
    e.begin = YearMonth{2020, 1};
    e.end = YearMonth{2020, 3};
    e.next = 1;
    ep.episodes.push_back(e);
  }
  const Calibration c = calibrate_episodes(ep, {0, 0, 0}, {"alle"}, CalibrationOptions{});
  const CalibrationHidden h = report::calibration_disclosure(c, 10);
  CHECK(h.pooled_segment == std::vector<bool>{false});
  CHECK(h.pooled_exposure == std::vector<bool>{true, false});
  CHECK(lines_with(calibration_fit_csv(c, &h), "pooled,0,a,b,") ==
        std::vector<std::string>{"pooled,0,a,b,x,x,x,0.333333,x,x,x,0.333333,x,weinig_data"});
  CHECK(lines_with(calibration_report(&c, nullptr, CalibrationSource{}, &h), "Geheimhouding: minder dan 10 personen").size() == 1);
}

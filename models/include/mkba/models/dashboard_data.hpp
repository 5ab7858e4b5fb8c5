#pragma once
// The aggregates `mkba dashboard` adds to the bestand of each extract (issue 18): ZRM domain scores
// and screening coverage per gemeente x kwadrant, and from pathway episodes the outcomes per
// instrument x kwadrant ("wat werkt voor wie") and the caseload per month. Counts only; ids are
// used inside these functions to join files and never leave them.
#include <mkba/models/bestand.hpp>
#include <mkba/models/calibrate.hpp>
#include <mkba/models/episodes.hpp>
#include <mkba/models/screening.hpp>
#include <mkba/models/segments.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace mkba {

// Score bins of one ZRM domain: 0 = not scored, 1..5 the score.
inline constexpr int kZrmBins = 6;

struct ExtractDetail {
  int gemeenten = 0;
  // [((g * kKwadranten + k) * kZrmDomains + d) * kZrmBins + score]
  std::vector<std::int64_t> zrm;
  // [g * kKwadranten + k]: screened within the twelve months up to the peildatum (bestand's rule)
  std::vector<std::int64_t> screened;
  std::int64_t zrm_count(int g, int k, int d, int score) const;
  std::int64_t screened_count(int g, int k) const;
};

ExtractDetail extract_detail(const ScreeningData& data, const SegmentRule& rule, CalendarDate peildatum);

// Gemeente and kwadrant of every person of the episodes, from the latest extract (in `extracts`,
// oldest first) that holds their id; -1 for persons in no extract (left out of every aggregate).
struct EpisodePersons {
  std::vector<int> gemeente, kwadrant;  // [person]
  std::int64_t without_screening = 0;
};
EpisodePersons episode_persons(const EpisodeData& episodes, const std::vector<const ScreeningData*>& extracts,
                               const SegmentRule& rule);

// "Wat werkt voor wie": per gemeente x kwadrant x state (the instrument of the episode) the persons
// with an episode in it, and per next state the moves out of it with the monthly probability and
// its interval, from calibrate_episodes (discrete-time estimator with censoring, Wilson interval;
// docs/calibration.md). Descriptive: who went where, not what the instrument caused.
// Index g == G: the region; k == kKwadranten: all kwadranten.
struct EpisodeOutcomes {
  int gemeenten = 0;
  std::vector<std::string> states;
  YearMonth extraction;
  double level = 0.95;
  std::vector<std::int64_t> persons;        // [(g * (K + 1) + k) * S + s]
  std::vector<std::int64_t> moves;          // [((g * (K + 1) + k) * S + s) * S + to]
  std::vector<std::int64_t> movers;         // idem: distinct persons behind the moves
  std::vector<double> exposure;             // [(g * (K + 1) + k) * S + s] months at risk (not published)
  std::vector<double> rate, lo, hi;         // idem moves: monthly probability and interval
  std::size_t row(int g, int k, int s) const;
  std::size_t cell(int g, int k, int s, int to) const { return row(g, k, s) * states.size() + static_cast<std::size_t>(to); }
};

EpisodeOutcomes episode_outcomes(const EpisodeData& episodes, const EpisodePersons& persons, int gemeenten,
                                 double level = 0.95);

// The caseload per month from the episodes: persons in each state at some time in the month, per
// gemeente and kwadrant (the person's latest screening), for the months first..last (inclusive).
struct MonthlyStocks {
  int gemeenten = 0;
  std::vector<std::string> states;
  std::vector<YearMonth> months;
  std::vector<std::int64_t> count;  // [((m * G + g) * kKwadranten + k) * S + s]
  std::int64_t at(int m, int g, int k, int s) const;
  std::int64_t at(int m, int g, int s) const;  // all kwadranten
};

MonthlyStocks monthly_stocks(const EpisodeData& episodes, const EpisodePersons& persons, int gemeenten, YearMonth first,
                             YearMonth last);

}  // namespace mkba

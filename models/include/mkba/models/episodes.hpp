#pragma once
// Pathway data for calibrating transition rates (docs/data-formats.md, "Pathway episodes" and
// "Panel of screenings"):
//  * episodes: one row per spell of one candidate in one state, with its first and last month and
//    the state that followed; a blank end month means still in the state at the extraction month
//    (right-censored);
//  * a panel: the state of each candidate seen only at some months (the yearly screenings).
// States are indices into the caller's list. Candidate ids are replaced by a person number at
// once; the ids are kept apart (`ids`) only to join with the screening file and are never written
// to any output or message.
#include <mkba/models/scenario.hpp>
#include <mkba/models/screening.hpp>

#include <Eigen/Core>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mkba {

struct Episode {
  std::int32_t person = 0;  // index into EpisodeData::ids
  std::int32_t state = 0;   // index into EpisodeData::states
  YearMonth begin;          // first month in the state
  YearMonth end;            // last month in the state (== extraction month when censored)
  bool censored = false;    // end month blank in the file: still in the state at extraction
  std::int32_t next = -1;   // the state that followed; -1: unknown (see docs: treated as censored)
  int row = 0;              // row in the file, for messages
};

struct EpisodeData {
  std::string file;
  std::vector<std::string> states;
  YearMonth extraction;              // the extraction month (peilmaand)
  std::vector<Episode> episodes;     // sorted by person, then begin
  std::vector<std::string> ids;      // [person]; never written anywhere
};

struct EpisodeReadOptions {
  std::vector<std::string> states;  // allowed state ids (matched ignoring case and outer spaces)
  YearMonth extraction;             // months after it are refused; blank ends are censored here
  std::size_t max_problems = 50;
};

// Columns (any order, found by name): id, status, begin, einde, volgende_status.
// Strict: every problem (up to max_problems) is collected and one mkba::DataError is thrown naming
// file, row, column, value and what was expected (unknown states, malformed months, end before
// begin, months after the extraction, a next state equal to the state, overlapping episodes of
// one person). Nothing is returned then.
EpisodeData read_episodes_csv(const std::string& file, const EpisodeReadOptions& options);
EpisodeData parse_episodes_csv(std::string_view text, const std::string& file, const EpisodeReadOptions& options);
std::string episodes_csv(const EpisodeData& data);  // header and rows, '\n' line ends

// A panel: the state of each person at some months. Columns: id, maand (YYYY-MM) or datum
// (YYYY-MM-DD, only its month counts), status. Two observations of one person in one month are an
// error. Observations are sorted by person, then month.
struct PanelObservation {
  std::int32_t person = 0;
  YearMonth month;
  std::int32_t state = 0;
};

struct PanelData {
  std::string file;
  std::vector<std::string> states;
  std::vector<PanelObservation> observations;
  std::vector<std::string> ids;  // [person]; never written anywhere
};

PanelData read_panel_csv(const std::string& file, const EpisodeReadOptions& options);
PanelData parse_panel_csv(std::string_view text, const std::string& file, const EpisodeReadOptions& options);
std::string panel_csv(const PanelData& data);

// Writes text through a temporary name, so a failure leaves no partial file. Throws DataError.
void write_text_file(const std::string& file, const std::string& text);

// Synthetic pathways consistent with a screening extract (no real person behind any row): every
// person of the extract enters the benefit state at their `uitkering_sinds` month (or, without
// one, their `status` at `status_sinds`) and moves month by month with the monthly matrix of their
// kwadrant and duration band until the extraction month; episodes still running then are censored. The panel is the
// same path seen at the person's yearly screenings (the screening month, every 12 months back to
// the first month). Person i draws from PhiloxEngine(seed, 0, DrawKind::transition, i).
struct PathwaySynthOptions {
  std::uint64_t seed = 20200701;
  YearMonth extraction{2020, 7};
  // Monthly matrices [from][to] over `states`, per duration band (months in state at the start of
  // the month, 0 in a spell's first month; bands begin at `band_starts`): one per band for
  // everybody, or five per band indexed [kwadrant 0..4][band] (kwadrant * bands + band).
  std::vector<Eigen::MatrixXd> monthly;
  std::vector<int> band_starts{0};
  std::vector<std::string> states;   // the matrices' states; must include the screening's states
  std::string benefit_state = "uitkering";
  int max_history_months = 240;      // paths begin at most this many months before extraction
};

struct SynthPathways {
  EpisodeData episodes;
  PanelData panel;
};

// Throws std::invalid_argument for inconsistent options.
SynthPathways synth_pathways(const ScreeningData& screening, const PathwaySynthOptions& options);

}  // namespace mkba

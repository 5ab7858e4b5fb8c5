#pragma once
// Progress on stderr for the stages of a command (loading, base run, PSA, sensitivity, writing).
//
// On a terminal: one line, redrawn in place, with the stage, its percentage and the time left as
// h:mm:ss ("  PSA  45% (90/200), nog 0:01:23"); each stage ends with its duration. Not on a terminal
// (a pipe, a log file): silent, unless --progress asks for it, then one line per stage and one per
// tenth of a stage. --quiet: silent. --verbose: also the run's settings and each stage's duration,
// wherever stderr goes.
//
// Honest on interruption: once Ctrl-C is pressed the counts stop; the open stage ends with
// "onderbroken bij 90/200" instead of jumping to its end.
#include <chrono>
#include <cstdio>
#include <string>

namespace mkba::cli {

enum class Verbosity { quiet, normal, verbose };

// h:mm:ss of a number of seconds: a time left is rounded up (so "0:00:00" only when nothing is
// left), a duration to the nearest second.
std::string hms(double seconds, bool round_up = true);

class Progress {
 public:
  // `terminal`: stderr is a terminal; `forced`: --progress.
  Progress(Verbosity v, bool terminal, bool forced, std::FILE* out = stderr);
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;
  ~Progress();  // an open stage during an exception ends as interrupted or failed

  bool shown() const { return shown_; }
  bool verbose() const { return verbosity_ == Verbosity::verbose; }
  // The open stage ("" when none).
  std::string stage() const { return open_ ? stage_ : std::string(); }
  // A note for --verbose only (settings, sizes), one line.
  void note(const std::string& text);

  void begin(const std::string& stage);  // ends any open stage first
  void update(long done, long total);    // within the open stage
  void end();                            // the open stage is finished

 private:
  void draw(bool final);
  void finish(const char* how);
  double stage_seconds() const;

  Verbosity verbosity_;
  bool terminal_;
  bool shown_;
  std::FILE* out_;
  std::string stage_;
  bool open_ = false;
  long done_ = 0, total_ = 0;
  int last_tenth_ = -1;
  std::chrono::steady_clock::time_point stage_start_, last_draw_;
};

}  // namespace mkba::cli

#include "progress.hpp"

#include <mkba/analysis/run.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <exception>

namespace mkba::cli {

std::string hms(double seconds, bool round_up) {
  const double x = std::max(0.0, seconds);
  const auto s = static_cast<long long>(round_up ? std::ceil(x) : std::round(x));
  return fmt::format("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60);
}

Progress::Progress(Verbosity v, bool terminal, bool forced, std::FILE* out)
    : verbosity_(v), terminal_(terminal), shown_(v != Verbosity::quiet && (terminal || forced || v == Verbosity::verbose)),
      out_(out) {}

Progress::~Progress() {
  if (!open_) return;
  if (std::uncaught_exceptions() > 0) finish(analysis::interrupt_requested() ? "onderbroken" : "afgebroken");
  else end();
}

void Progress::note(const std::string& text) {
  if (verbosity_ != Verbosity::verbose) return;
  if (open_ && terminal_) std::fputs("\r\033[K", out_);
  std::fprintf(out_, "mkba: %s\n", text.c_str());
  if (open_ && terminal_) draw(false);
  std::fflush(out_);
}

double Progress::stage_seconds() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - stage_start_).count();
}

void Progress::begin(const std::string& stage) {
  if (open_) end();
  stage_ = stage;
  open_ = true;
  done_ = total_ = 0;
  last_tenth_ = -1;
  stage_start_ = last_draw_ = std::chrono::steady_clock::now();
  if (!shown_) return;
  if (terminal_) {
    draw(false);
  } else {
    std::fprintf(out_, "  %s...\n", stage_.c_str());
    std::fflush(out_);
  }
}

void Progress::update(long done, long total) {
  // After Ctrl-C the remaining work is skipped, not done: the count stays where it was.
  if (!open_ || analysis::interrupt_requested()) return;
  done_ = std::min(done, total);
  total_ = total;
  if (!shown_) return;
  if (terminal_) {
    // At most ten redraws a second, and always the last one.
    const auto now = std::chrono::steady_clock::now();
    if (done_ < total_ && now - last_draw_ < std::chrono::milliseconds(100) && done_ > 1) return;
    last_draw_ = now;
    draw(false);
  } else {
    // A line per tenth; the last one is the stage's end line.
    const int tenth = total_ > 0 ? static_cast<int>(10 * done_ / total_) : 0;
    if (tenth == last_tenth_ || done_ == total_) return;
    last_tenth_ = tenth;
    draw(false);
  }
}

void Progress::draw(bool final) {
  std::string line = "  " + stage_;
  if (total_ > 0) {
    const long pct = 100 * done_ / total_;
    line += fmt::format(" {:>3}% ({}/{})", pct, done_, total_);
    const double secs = stage_seconds();
    if (!final && done_ > 0 && done_ < total_)
      line += ", nog " + hms(secs * static_cast<double>(total_ - done_) / static_cast<double>(done_));
  } else if (!final) {
    line += "...";
  }
  if (terminal_) std::fprintf(out_, "\r\033[K%s", line.c_str());
  else std::fprintf(out_, "%s\n", line.c_str());
  std::fflush(out_);
}

void Progress::end() {
  if (!open_) return;
  if (total_ > 0) done_ = total_;
  finish(nullptr);
}

void Progress::finish(const char* how) {
  open_ = false;
  if (!shown_) return;
  std::string line = "  " + stage_;
  if (how) {
    line += total_ > 0 ? fmt::format(": {} bij {}/{}", how, done_, total_) : fmt::format(": {}", how);
  } else {
    if (total_ > 0) line += fmt::format(" 100% ({}/{})", total_, total_);
    line += ", klaar in " + hms(stage_seconds(), false);
  }
  std::fputs(((terminal_ ? "\r\033[K" : "") + line + "\n").c_str(), out_);
  std::fflush(out_);
}

}  // namespace mkba::cli

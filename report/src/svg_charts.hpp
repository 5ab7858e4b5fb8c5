#pragma once
// Inline SVG charts drawn by the report itself: no JavaScript, no external fonts or images, so the
// report opens offline and prints. Each returns one <figure> element.
#include <string>
#include <vector>

namespace mkba::report::svg {

struct Series {
  std::string name;
  std::vector<double> values;  // one per x position
};

// Stacked areas (e.g. persons per state over time); x_labels are the tick labels at each position.
// y_max > 0 fixes the top of the axis, so charts of several alternatives share one scale.
std::string stacked_area(const std::string& title, const std::string& y_label, const std::vector<std::string>& x_labels,
                         const std::vector<Series>& series, double y_max = 0);
// Lines (e.g. cumulative NCW); ticks every `tick_every` positions, labelled with tick_labels.
std::string lines(const std::string& title, const std::string& y_label, const std::vector<std::string>& tick_labels,
                  int tick_every, const std::vector<Series>& series);
// Horizontal bars around zero (e.g. the verdelingstabel per stakeholder); hidden bars are labelled
// as suppressed and not drawn.
std::string bars(const std::string& title, const std::string& x_label, const std::vector<std::string>& labels,
                 const std::vector<double>& values, const std::vector<bool>& hidden);

std::string escape(const std::string& s);  // XML/HTML text and attribute escaping

}  // namespace mkba::report::svg

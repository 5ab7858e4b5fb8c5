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
                 const std::vector<double>& values, const std::vector<bool>& hidden,
                 const std::string& hidden_text = "x (niet gepubliceerd)");

// Histogram of draws (e.g. society NCW difference over the PSA iterations) with a line at zero and
// `note` (e.g. "P(NCW > 0) = 0.83") in the top left corner.
std::string histogram(const std::string& title, const std::string& x_label, const std::string& y_label,
                      const std::vector<double>& draws, const std::string& note, int bins = 20);
// Tornado: per row a bar from `base` to the value at the low end and one to the high end of the
// parameter; rows in the given order (widest first). Hidden rows are labelled and not drawn.
std::string tornado(const std::string& title, const std::string& x_label, const std::vector<std::string>& labels,
                    const std::vector<double>& low, const std::vector<double>& high, double base,
                    const std::vector<bool>& hidden, const std::string& low_name, const std::string& high_name,
                    const std::string& hidden_text);

// Every chart function returns one <figure>; this gives it an id (for links and tests).
std::string with_id(const std::string& figure, const std::string& id);
// Locale of the tick labels (decimal comma for Dutch, point for English).
void set_english_numbers(bool english);

std::string escape(const std::string& s);  // XML/HTML text and attribute escaping

}  // namespace mkba::report::svg

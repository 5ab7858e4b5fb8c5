#include "svg_charts.hpp"

#include "number_format.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace mkba::report::svg {
namespace {

// Colour-blind safe palette (Okabe-Ito), fixed so reruns draw the same bytes.
const char* const kPalette[] = {"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999"};
const char* colour(std::size_t i) { return kPalette[i % (sizeof kPalette / sizeof *kPalette)]; }

thread_local bool english_numbers = false;

constexpr double kWidth = 680, kHeight = 300, kLeft = 80, kRight = 190, kTop = 30, kBottom = 40;

std::string num(double x) { return fmt::format("{:.1f}", x); }

// A round step giving about five ticks over [lo, hi].
double nice_step(double lo, double hi) {
  const double span = hi - lo;
  if (!(span > 0)) return 1;
  const double raw = span / 5;
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
    if (raw <= m * mag) return m * mag;
  return 10 * mag;
}

struct Axis {
  double lo = 0, hi = 1, step = 1, scale = 1;  // scale: divide tick values for display
  std::string unit;                            // appended to the axis title ("mln")
};

// Room for row labels at font-size 10 (about 5.6 px a character), within limits.
double label_margin(const std::vector<std::string>& labels, double least) {
  std::size_t longest = 0;
  for (const auto& l : labels) longest = std::max(longest, l.size());
  return std::clamp(12 + 5.6 * static_cast<double>(longest), least, 280.0);
}

Axis make_axis(double lo, double hi, bool include_zero = true) {
  Axis a;
  if (include_zero) {
    lo = std::min(lo, 0.0);
    hi = std::max(hi, 0.0);
  } else {
    const double pad = std::max((hi - lo) * 0.05, std::max(std::abs(lo), std::abs(hi)) * 1e-3);
    lo -= pad;
    hi += pad;
  }
  if (hi - lo <= 0) hi = lo + 1;
  a.step = nice_step(lo, hi);
  a.lo = std::floor(lo / a.step) * a.step;
  a.hi = std::ceil(hi / a.step) * a.step;
  const double big = std::max(std::abs(a.lo), std::abs(a.hi));
  if (big >= 1e6) {
    a.scale = 1e6;
    a.unit = english_numbers ? " (x 1 million)" : " (x 1 mln)";
  } else if (big >= 1e4) {
    a.scale = 1e3;
    a.unit = english_numbers ? " (x 1,000)" : " (x 1.000)";
  }
  return a;
}

std::string tick_label(const Axis& a, double v) {
  const double shown = v / a.scale;
  const int dec = std::abs(a.step / a.scale - std::round(a.step / a.scale)) > 1e-9 ? 1 : 0;
  return fixed(shown, dec, english_numbers ? Style::display_en : Style::display);
}

std::string open(const std::string& title) {
  return fmt::format("<figure class=\"chart\">\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" "
                     "width=\"{}\" height=\"{}\" role=\"img\" aria-label=\"{}\">\n<title>{}</title>\n",
                     num(kWidth), num(kHeight), num(kWidth), num(kHeight), escape(title), escape(title));
}

std::string close(const std::string& title) {
  return "</svg>\n<figcaption>" + escape(title) + "</figcaption>\n</figure>\n";
}

std::string y_axis(const Axis& a, const std::string& label) {
  const double plot_h = kHeight - kTop - kBottom;
  std::string out;
  for (double v = a.lo; v <= a.hi + a.step / 2; v += a.step) {
    const double y = kTop + plot_h * (a.hi - v) / (a.hi - a.lo);
    out += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#ddd\"/>\n", num(kLeft), num(y),
                       num(kWidth - kRight), num(y));
    out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"10\">{}</text>\n", num(kLeft - 4),
                       num(y + 3), escape(tick_label(a, std::abs(v) < a.step * 1e-9 ? 0.0 : v)));
  }
  out += fmt::format("<text x=\"12\" y=\"{}\" font-size=\"10\" transform=\"rotate(-90 12 {})\" text-anchor=\"middle\">{}</text>\n",
                     num(kTop + plot_h / 2), num(kTop + plot_h / 2), escape(label + a.unit));
  return out;
}

std::string legend(const std::vector<Series>& series) {
  std::string out;
  for (std::size_t i = 0; i < series.size(); ++i) {
    const double y = kTop + 14.0 * static_cast<double>(i);
    out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"10\" height=\"10\" fill=\"{}\"/>\n", num(kWidth - kRight + 10), num(y),
                       colour(i));
    out += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"10\">{}</text>\n", num(kWidth - kRight + 24), num(y + 9),
                       escape(series[i].name));
  }
  return out;
}

}  // namespace

std::string escape(const std::string& s) {
  std::string out;
  for (char ch : s) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += ch;
    }
  }
  return out;
}

std::string stacked_area(const std::string& title, const std::string& y_label, const std::vector<std::string>& x_labels,
                         const std::vector<Series>& series, double y_max) {
  const std::size_t n = x_labels.size();
  std::vector<std::vector<double>> top(series.size(), std::vector<double>(n, 0.0));
  double hi = 0;
  for (std::size_t x = 0; x < n; ++x) {
    double run = 0;
    for (std::size_t s = 0; s < series.size(); ++s) {
      run += x < series[s].values.size() ? std::max(0.0, series[s].values[x]) : 0.0;
      top[s][x] = run;
    }
    hi = std::max(hi, run);
  }
  const Axis a = make_axis(0, std::max(hi, y_max));
  const double plot_w = kWidth - kLeft - kRight, plot_h = kHeight - kTop - kBottom;
  auto px = [&](std::size_t x) { return kLeft + plot_w * (n > 1 ? static_cast<double>(x) / static_cast<double>(n - 1) : 0.5); };
  auto py = [&](double v) { return kTop + plot_h * (a.hi - v) / (a.hi - a.lo); };
  std::string out = open(title) + y_axis(a, y_label);
  for (std::size_t s = 0; s < series.size(); ++s) {
    std::string pts;
    for (std::size_t x = 0; x < n; ++x) pts += num(px(x)) + "," + num(py(top[s][x])) + " ";
    for (std::size_t x = n; x-- > 0;) pts += num(px(x)) + "," + num(py(s ? top[s - 1][x] : 0.0)) + " ";
    if (!pts.empty()) pts.pop_back();
    out += fmt::format("<polygon class=\"area\" points=\"{}\" fill=\"{}\" stroke=\"none\"/>\n", pts, colour(s));
  }
  for (std::size_t x = 0; x < n; ++x)
    if (n <= 12 || x % 2 == 0)
      out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"9\">{}</text>\n", num(px(x)),
                         num(kHeight - kBottom + 14), escape(x_labels[x]));
  return out + legend(series) + close(title);
}

std::string lines(const std::string& title, const std::string& y_label, const std::vector<std::string>& tick_labels,
                  int tick_every, const std::vector<Series>& series) {
  std::size_t n = 0;
  double lo = 0, hi = 0;
  for (const auto& s : series) {
    n = std::max(n, s.values.size());
    for (double v : s.values) {
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
  }
  const Axis a = make_axis(lo, hi);
  const double plot_w = kWidth - kLeft - kRight, plot_h = kHeight - kTop - kBottom;
  auto px = [&](std::size_t x) { return kLeft + plot_w * (n > 1 ? static_cast<double>(x) / static_cast<double>(n - 1) : 0.5); };
  auto py = [&](double v) { return kTop + plot_h * (a.hi - v) / (a.hi - a.lo); };
  std::string out = open(title) + y_axis(a, y_label);
  out += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#333\"/>\n", num(kLeft), num(py(0)),
                     num(kWidth - kRight), num(py(0)));
  for (std::size_t s = 0; s < series.size(); ++s) {
    std::string pts;
    for (std::size_t x = 0; x < series[s].values.size(); ++x) pts += num(px(x)) + "," + num(py(series[s].values[x])) + " ";
    if (!pts.empty()) pts.pop_back();
    out += fmt::format("<polyline class=\"line\" points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"/>\n", pts, colour(s));
  }
  for (std::size_t i = 0; i < tick_labels.size(); ++i) {
    const std::size_t x = i * static_cast<std::size_t>(std::max(1, tick_every));
    if (x >= n && n > 0 && x != n) break;
    if (tick_labels.size() > 12 && i % 2) continue;
    out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"9\">{}</text>\n",
                       num(px(std::min(x, n ? n - 1 : 0))), num(kHeight - kBottom + 14), escape(tick_labels[i]));
  }
  return out + legend(series) + close(title);
}

std::string bars(const std::string& title, const std::string& x_label, const std::vector<std::string>& labels,
                 const std::vector<double>& values, const std::vector<bool>& hidden, const std::string& hidden_text) {
  double lo = 0, hi = 0;
  for (std::size_t i = 0; i < values.size(); ++i)
    if (!hidden[i]) {
      lo = std::min(lo, values[i]);
      hi = std::max(hi, values[i]);
    }
  const Axis a = make_axis(lo, hi);
  const double left = label_margin(labels, 130), right = 20, plot_w = kWidth - left - right;
  const double row_h = 22, height = kTop + row_h * static_cast<double>(labels.size()) + kBottom;
  auto px = [&](double v) { return left + plot_w * (v - a.lo) / (a.hi - a.lo); };
  std::string out = fmt::format("<figure class=\"chart\">\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" "
                                "width=\"{}\" height=\"{}\" role=\"img\" aria-label=\"{}\">\n<title>{}</title>\n",
                                num(kWidth), num(height), num(kWidth), num(height), escape(title), escape(title));
  for (double v = a.lo; v <= a.hi + a.step / 2; v += a.step) {
    out += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#ddd\"/>\n", num(px(v)), num(kTop - 5),
                       num(px(v)), num(height - kBottom));
    out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"10\">{}</text>\n", num(px(v)),
                       num(height - kBottom + 14), escape(tick_label(a, std::abs(v) < a.step * 1e-9 ? 0.0 : v)));
  }
  out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"10\">{}</text>\n", num(left + plot_w / 2),
                     num(height - 8), escape(x_label + a.unit));
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const double y = kTop + row_h * static_cast<double>(i);
    out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"10\">{}</text>\n", num(left - 6),
                       num(y + row_h / 2 + 3), escape(labels[i]));
    if (hidden[i]) {
      out += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"10\" font-style=\"italic\">{}</text>\n",
                         num(px(0) + 4), num(y + row_h / 2 + 3), escape(hidden_text));
      continue;
    }
    const double x0 = px(std::min(0.0, values[i])), x1 = px(std::max(0.0, values[i]));
    out += fmt::format("<rect class=\"bar\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>\n", num(x0), num(y + 3),
                       num(std::max(0.5, x1 - x0)), num(row_h - 6), values[i] >= 0 ? "#009E73" : "#D55E00");
  }
  out += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#333\"/>\n", num(px(0)), num(kTop - 5), num(px(0)),
                     num(height - kBottom));
  return out + "</svg>\n<figcaption>" + escape(title) + "</figcaption>\n</figure>\n";
}

std::string histogram(const std::string& title, const std::string& x_label, const std::string& y_label,
                      const std::vector<double>& draws, const std::string& note, int bins) {
  // Bins span the draws; the axis also reaches zero, so the distance from "no gain" shows.
  double dlo = draws.empty() ? 0.0 : draws.front(), dhi = dlo;
  for (double v : draws) {
    dlo = std::min(dlo, v);
    dhi = std::max(dhi, v);
  }
  const Axis a = make_axis(dlo, dhi);
  bins = std::max(1, bins);
  const double width = dhi > dlo ? (dhi - dlo) / bins : std::max(1.0, std::abs(dlo) * 1e-3);
  std::vector<int> count(static_cast<std::size_t>(bins), 0);
  for (double v : draws) {
    const int b = std::clamp(static_cast<int>(std::floor((v - dlo) / width)), 0, bins - 1);
    ++count[static_cast<std::size_t>(b)];
  }
  const int most = std::max(1, *std::max_element(count.begin(), count.end()));
  const double left = kLeft, right = 20, plot_w = kWidth - left - right, plot_h = kHeight - kTop - kBottom;
  auto px = [&](double v) { return left + plot_w * (v - a.lo) / (a.hi - a.lo); };
  auto py = [&](double n) { return kTop + plot_h * (1 - n / most); };
  std::string out = open(title);
  // y axis: number of iterations, a few whole ticks
  const int step = std::max(1, static_cast<int>(std::ceil(most / 4.0)));
  for (int n = 0; n <= most; n += step) {
    out += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#ddd\"/>\n", num(left), num(py(n)),
                       num(kWidth - right), num(py(n)));
    out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"10\">{}</text>\n", num(left - 4),
                       num(py(n) + 3), n);
  }
  out += fmt::format("<text x=\"12\" y=\"{}\" font-size=\"10\" transform=\"rotate(-90 12 {})\" text-anchor=\"middle\">{}</text>\n",
                     num(kTop + plot_h / 2), num(kTop + plot_h / 2), escape(y_label));
  for (int b = 0; b < bins; ++b) {
    const auto n = count[static_cast<std::size_t>(b)];
    if (n == 0) continue;
    const double x0 = dlo + width * b;
    out += fmt::format("<rect class=\"bin\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>\n", num(px(x0) + 0.5),
                       num(py(n)), num(std::max(0.5, px(x0 + width) - px(x0) - 1)), num(py(0) - py(n)),
                       x0 + width / 2 >= 0 ? "#009E73" : "#D55E00");
  }
  for (double v = a.lo; v <= a.hi + a.step / 2; v += a.step)
    out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"10\">{}</text>\n", num(px(v)),
                       num(kHeight - kBottom + 14), escape(tick_label(a, std::abs(v) < a.step * 1e-9 ? 0.0 : v)));
  out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"10\">{}</text>\n", num(left + plot_w / 2),
                     num(kHeight - 8), escape(x_label + a.unit));
  out += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#333\" stroke-width=\"1.5\"/>\n", num(px(0)),
                     num(kTop - 5), num(px(0)), num(py(0)));
  out += fmt::format("<text class=\"note\" x=\"{}\" y=\"{}\" font-size=\"11\" font-weight=\"bold\">{}</text>\n", num(left + 6),
                     num(kTop + 4), escape(note));
  return out + close(title);
}

std::string tornado(const std::string& title, const std::string& x_label, const std::vector<std::string>& labels,
                    const std::vector<double>& low, const std::vector<double>& high, double base,
                    const std::vector<bool>& hidden, const std::string& low_name, const std::string& high_name,
                    const std::string& hidden_text) {
  double lo = base, hi = base;
  for (std::size_t i = 0; i < labels.size(); ++i)
    if (!hidden[i]) {
      lo = std::min({lo, low[i], high[i]});
      hi = std::max({hi, low[i], high[i]});
    }
  // The tornado is about the spread around the base value: the axis need not reach zero.
  const Axis a = make_axis(lo, hi, false);
  const double left = label_margin(labels, 130), right = 20, plot_w = kWidth - left - right;
  const double row_h = 22, height = kTop + row_h * static_cast<double>(labels.size()) + kBottom + 16;
  auto px = [&](double v) { return left + plot_w * (v - a.lo) / (a.hi - a.lo); };
  std::string out = fmt::format("<figure class=\"chart\">\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" "
                                "width=\"{}\" height=\"{}\" role=\"img\" aria-label=\"{}\">\n<title>{}</title>\n",
                                num(kWidth), num(height), num(kWidth), num(height), escape(title), escape(title));
  const double bottom = height - kBottom - 16;
  for (double v = a.lo; v <= a.hi + a.step / 2; v += a.step) {
    out += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#ddd\"/>\n", num(px(v)), num(kTop - 5),
                       num(px(v)), num(bottom));
    out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"10\">{}</text>\n", num(px(v)),
                       num(bottom + 14), escape(tick_label(a, std::abs(v) < a.step * 1e-9 ? 0.0 : v)));
  }
  out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"10\">{}</text>\n", num(left + plot_w / 2),
                     num(bottom + 28), escape(x_label + a.unit));
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const double y = kTop + row_h * static_cast<double>(i);
    out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"10\">{}</text>\n", num(left - 6),
                       num(y + row_h / 2 + 3), escape(labels[i]));
    if (hidden[i]) {
      out += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"10\" font-style=\"italic\">{}</text>\n", num(left + 4),
                         num(y + row_h / 2 + 3), escape(hidden_text));
      continue;
    }
    int side = 0;
    for (double v : {low[i], high[i]}) {
      const double x0 = px(std::min(base, v)), x1 = px(std::max(base, v));
      out += fmt::format("<rect class=\"bar\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>\n", num(x0),
                         num(y + 3), num(std::max(0.5, x1 - x0)), num(row_h - 6), side++ ? "#0072B2" : "#E69F00");
    }
  }
  out += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#333\"/>\n", num(px(base)), num(kTop - 5),
                     num(px(base)), num(bottom));
  const double ly = height - 12;
  out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"10\" height=\"10\" fill=\"#E69F00\"/>\n<text x=\"{}\" y=\"{}\" "
                     "font-size=\"10\">{}</text>\n", num(left), num(ly - 9), num(left + 14), num(ly), escape(low_name));
  out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"10\" height=\"10\" fill=\"#0072B2\"/>\n<text x=\"{}\" y=\"{}\" "
                     "font-size=\"10\">{}</text>\n", num(left + 150), num(ly - 9), num(left + 164), num(ly), escape(high_name));
  return out + "</svg>\n<figcaption>" + escape(title) + "</figcaption>\n</figure>\n";
}

std::string with_id(const std::string& figure, const std::string& id) {
  const std::string tag = "<figure class=\"chart\"";
  if (figure.compare(0, tag.size(), tag) != 0) return figure;
  return tag + " id=\"" + escape(id) + "\"" + figure.substr(tag.size());
}

void set_english_numbers(bool english) { english_numbers = english; }

}  // namespace mkba::report::svg

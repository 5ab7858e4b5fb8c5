#include <mkba/report/dashboard.hpp>
#include <mkba/report/bestand_disclosure.hpp>

#include "svg_charts.hpp"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

namespace mkba::report {

namespace {
std::size_t z(int i) { return static_cast<std::size_t>(i); }
constexpr int K = kKwadranten, KT = KwadrantTransitions::kTo;

std::string json_string(const std::string& s) {
  std::string out = "\"";
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (ch == '"' || ch == '\\') {
      out += '\\';
      out += ch;
    } else if (c < 0x20 || ch == '<' || ch == '>' || ch == '&') {
      out += fmt::format("\\u{:04x}", c);
    } else {
      out += ch;
    }
  }
  return out + "\"";
}

}  // namespace

// The Realisatie section's data (dashboard_realisatie.hpp), here for the one json_string.
std::string realisatie_json(const RealisatieFigures& f, int small) {
  const PublishedRealisatie pub = dashboard_realisatie(f, small);
  const int G = static_cast<int>(f.gemeenten.size()), S = static_cast<int>(f.states.size());
  const int M = static_cast<int>(f.months.size());
  std::string j = ",\"realisatie\":{\"states\":[";
  for (int s = 0; s < S; ++s) j += json_string(f.states[z(s)]) + ",";
  j += json_string("totaal") + "],\"maanden\":[";
  for (int m = 0; m < M; ++m) j += (m ? "," : "") + json_string(f.months[z(m)].str());
  j += "]";
  auto member = [&](const char* name, const std::vector<double>& v, bool decimals) {
    j += fmt::format(",\"{}\":[", name);
    for (int m = 0; m < M; ++m) {
      j += m ? ",[" : "[";
      for (int g = 0; g <= G; ++g) {
        j += g ? ",[" : "[";
        for (int s = 0; s <= S; ++s) {
          const double x = v[f.at(m, g, s)];
          j += std::string(s ? "," : "") +
               (x < 0 ? std::string("null") : decimals ? fmt::format("{:.1f}", x) : fmt::format("{}", std::llround(x)));
        }
        j += "]";
      }
      j += "]";
    }
    j += "]";
  };
  member("stand", pub.stand, false);
  member("instroom", pub.instroom, false);
  member("uitstroom", pub.uitstroom, false);
  if (f.has_plaatsen) member("plaatsen", pub.plaatsen, true);
  return j + "}";
}

std::vector<DashboardExtractDisclosure> dashboard_disclosure(const std::vector<Bestand>& extracts,
                                                             const std::vector<KwadrantTransitions>& transitions,
                                                             const std::vector<ExtractDetail>* details) {
  if (!extracts.empty() && transitions.size() + 1 != extracts.size())
    throw std::invalid_argument("dashboard_disclosure: one transition table between each two successive extracts");
  if (details && !details->empty() && details->size() != extracts.size())
    throw std::invalid_argument("dashboard_disclosure: one detail per extract");
  std::vector<DashboardExtractDisclosure> out;
  for (std::size_t e = 0; e < extracts.size(); ++e) {
    const Bestand& b = extracts[e];
    const int G = static_cast<int>(b.gemeenten.size()), S = static_cast<int>(b.states.size());
    BestandDisclosure bd = bestand_disclosure(b);
    DashboardExtractDisclosure d;
    d.problem = std::move(bd.problem);
    auto& p = d.problem;
    d.kwadrant.assign(z(G + 1) * z(K + 1), -1);
    for (int g = 0; g <= G; ++g)
      for (int k = 0; k <= K; ++k) d.kwadrant[z(g * (K + 1) + k)] = bd.kwadrant[BestandHidden::kw_index(z(S), g, k, S)];
    d.screened = bd.recent;
    if (details && !details->empty()) {
      // Screened and overdue per kwadrant: they make up the kwadrant count; over the kwadranten
      // they sum to the bestand's own screening cells, over the gemeenten to the region.
      const ExtractDetail& det = (*details)[e];
      if (det.gemeenten != G) throw std::invalid_argument("dashboard_disclosure: detail and extract differ in gemeenten");
      d.screened_kw.assign(z(G + 1) * (K + 1), -1);
      d.overdue.assign(z(G + 1) * (K + 1), -1);
      for (int g = 0; g <= G; ++g)
        for (int k = 0; k <= K; ++k) {
          const std::size_t i = z(g * (K + 1) + k);
          if (k == K) {
            d.screened_kw[i] = bd.recent[z(g)];
            d.overdue[i] = bd.not_recent[z(g)];
            continue;
          }
          std::int64_t n = 0;
          for (int h = (g < G ? g : 0); h < (g < G ? g + 1 : G); ++h) n += det.screened_count(h, k);
          const std::int64_t all = std::llround(p.value[z(d.kwadrant[i])]);
          d.screened_kw[i] = p.add_cell(static_cast<double>(n), static_cast<double>(n));
          d.overdue[i] = p.add_cell(static_cast<double>(all - n), static_cast<double>(all - n));
          p.add_relation(d.kwadrant[i], {d.screened_kw[i], d.overdue[i]});
        }
      for (auto* v : {&d.screened_kw, &d.overdue}) {
        for (int g = 0; g <= G; ++g) {
          std::vector<int> m;
          for (int k = 0; k < K; ++k) m.push_back((*v)[z(g * (K + 1) + k)]);
          p.add_relation((*v)[z(g * (K + 1) + K)], m);
        }
        for (int k = 0; k < K; ++k) {
          std::vector<int> m;
          for (int g = 0; g < G; ++g) m.push_back((*v)[z(g * (K + 1) + k)]);
          p.add_relation((*v)[z(G * (K + 1) + k)], m);
        }
      }
    }
    if (e + 1 < extracts.size()) {
      const KwadrantTransitions& t = transitions[e];
      if (t.gemeenten != b.gemeenten) throw std::invalid_argument("dashboard_disclosure: transitions and extract differ in gemeenten");
      auto tid = [&](int g, int k, int to) -> int& { return d.transition[(z(g) * (K + 1) + z(k)) * KT + z(to)]; };
      d.transition.assign(z(G + 1) * z(K + 1) * KT, -1);
      for (int g = 0; g <= G; ++g)
        for (int k = 0; k <= K; ++k)
          for (int to = 0; to < KT; ++to) {
            std::int64_t n = 0;
            for (int h = (g < G ? g : 0); h < (g < G ? g + 1 : G); ++h)
              for (int kk = (k < K ? k : 0); kk < (k < K ? k + 1 : K); ++kk) n += t.count(h, kk, to);
            const auto v = static_cast<double>(n);
            tid(g, k, to) = p.add_cell(v, v);  // a count is its own basis; 0 is a known zero
          }
      for (int g = 0; g <= G; ++g) {
        // Rows: where the persons of (g, k) in this extract are in the next one.
        for (int k = 0; k <= K; ++k) {
          std::vector<int> m;
          for (int to = 0; to < KT; ++to) m.push_back(tid(g, k, to));
          const int total = d.kwadrant[z(g * (K + 1) + k)];
          std::int64_t sum = 0;
          for (int id : m) sum += std::llround(p.value[z(id)]);
          if (sum != std::llround(p.value[z(total)]))
            throw std::logic_error("dashboard_disclosure: transitions do not add up to the extract's kwadrant counts");
          p.add_relation(total, m);
        }
        // Columns: the column total over the kwadranten of origin.
        for (int to = 0; to < KT; ++to) {
          std::vector<int> m;
          for (int k = 0; k < K; ++k) m.push_back(tid(g, k, to));
          p.add_relation(tid(g, K, to), m);
        }
      }
      for (int k = 0; k <= K; ++k)
        for (int to = 0; to < KT; ++to) {
          std::vector<int> m;
          for (int g = 0; g < G; ++g) m.push_back(tid(g, k, to));
          p.add_relation(tid(G, k, to), m);
        }
    }
    d.disclosure = protect(p, b.small_cell);
    out.push_back(std::move(d));
  }
  return out;
}

std::string dashboard_json(const std::vector<Bestand>& extracts, const std::vector<KwadrantTransitions>& transitions,
                           const std::vector<DashboardExtractDisclosure>& disclosure) {
  if (extracts.empty()) return "{\"gemeenten\":[],\"kwadranten\":[],\"extracts\":[],\"transitions\":[]}";
  const Bestand& first = extracts.front();
  const int G = static_cast<int>(first.gemeenten.size());
  auto number = [](const DashboardExtractDisclosure& d, int id) {
    if (d.disclosure.suppressed[z(id)]) return std::string("null");
    return fmt::format("{}", std::llround(d.problem.value[z(id)]));
  };
  std::string j = fmt::format("{{\"threshold\":{},\"gemeenten\":[", first.small_cell);
  for (int g = 0; g < G; ++g) j += json_string(first.gemeenten[z(g)]) + ",";
  j += json_string("regio") + "],\"kwadranten\":[";
  for (int k = 0; k < K; ++k) j += json_string(kwadrant_label(k)) + ",";
  j += json_string("totaal") + "],\"extracts\":[";
  for (std::size_t e = 0; e < extracts.size(); ++e) {
    if (extracts[e].gemeenten != first.gemeenten) throw std::invalid_argument("dashboard_json: the extracts differ in gemeenten");
    j += std::string(e ? "," : "") + "{\"peildatum\":" + json_string(extracts[e].peildatum.str()) + ",\"kwadrant\":[";
    for (int g = 0; g <= G; ++g) {
      j += g ? ",[" : "[";
      for (int k = 0; k <= K; ++k) j += (k ? "," : "") + number(disclosure[e], disclosure[e].kwadrant[z(g * (K + 1) + k)]);
      j += "]";
    }
    j += "],\"gescreend\":[";
    for (int g = 0; g <= G; ++g) j += (g ? "," : "") + number(disclosure[e], disclosure[e].screened[z(g)]);
    j += "]}";
  }
  j += "],\"transitions\":[";
  for (std::size_t e = 0; e < transitions.size(); ++e) {
    const auto& d = disclosure[e];
    j += std::string(e ? "," : "") + "{\"from\":" + json_string(transitions[e].from.str()) + ",\"to\":" +
         json_string(transitions[e].to.str()) + ",\"counts\":[";
    for (int g = 0; g <= G; ++g) {
      j += g ? ",[" : "[";
      for (int k = 0; k <= K; ++k) {
        j += k ? ",[" : "[";
        for (int to = 0; to < KT; ++to) j += (to ? "," : "") + number(d, d.transition[(z(g) * (K + 1) + z(k)) * KT + z(to)]);
        j += "]";
      }
      j += "]";
    }
    j += "]}";
  }
  return j + "]}";
}

namespace {
std::string n_or_null(std::int64_t v) { return v < 0 ? std::string("null") : fmt::format("{}", v); }

// The sections beyond the bestand, as members of the page's JSON object (each starting with ',').
std::string sections_json(const DashboardInput& in, const std::vector<DashboardExtractDisclosure>& disclosure) {
  const int G = in.extracts.empty() ? 0 : static_cast<int>(in.extracts.front().gemeenten.size());
  std::string j = ",\"domeinen\":[";
  for (int d = 0; d < kZrmDomains; ++d) j += (d ? "," : "") + json_string(std::string(zrm_label(d)));
  j += "]";
  if (!in.details.empty()) {
    j += ",\"screening\":[";
    for (std::size_t e = 0; e < in.extracts.size(); ++e) {
      const auto& d = disclosure[e];
      auto number = [&](int id) { return n_or_null(d.disclosure.suppressed[z(id)] ? -1 : std::llround(d.problem.value[z(id)])); };
      j += std::string(e ? "," : "") + "{\"recent\":[";
      for (int g = 0; g <= G; ++g) {
        j += g ? ",[" : "[";
        for (int k = 0; k <= K; ++k) j += (k ? "," : "") + number(d.screened_kw[z(g * (K + 1) + k)]);
        j += "]";
      }
      j += "],\"achterstallig\":[";
      for (int g = 0; g <= G; ++g) {
        j += g ? ",[" : "[";
        for (int k = 0; k <= K; ++k) j += (k ? "," : "") + number(d.overdue[z(g * (K + 1) + k)]);
        j += "]";
      }
      j += "]}";
    }
    j += "],\"zrm\":[";
    for (std::size_t e = 0; e < in.extracts.size(); ++e) {
      const auto v = dashboard_zrm(in.extracts[e], disclosure[e], in.details[e]);
      j += e ? ",[" : "[";
      for (int g = 0; g <= G; ++g) {
        j += g ? ",[" : "[";
        for (int k = 0; k <= K; ++k) {
          j += k ? ",[" : "[";
          for (int d = 0; d < kZrmDomains; ++d) {
            j += d ? ",[" : "[";
            for (int b = 0; b < kZrmBins; ++b)
              j += (b ? "," : "") + n_or_null(v[((z(g) * (K + 1) + z(k)) * kZrmDomains + z(d)) * kZrmBins + z(b)]);
            j += "]";
          }
          j += "]";
        }
        j += "]";
      }
      j += "]";
    }
    j += "]";
  }
  const int small = in.extracts.empty() ? 10 : in.extracts.front().small_cell;
  if (in.outcomes) {
    const EpisodeOutcomes& o = *in.outcomes;
    if (o.gemeenten != G) throw std::invalid_argument("dashboard: the episodes' gemeenten differ from the extracts'");
    const PublishedOutcomes pub = dashboard_outcomes(o, small);
    const int S = static_cast<int>(o.states.size());
    j += ",\"uitkomsten\":{\"peilmaand\":" + json_string(o.extraction.str()) + fmt::format(",\"niveau\":{}", o.level) +
         ",\"states\":[";
    for (int s = 0; s < S; ++s) j += (s ? "," : "") + json_string(o.states[z(s)]);
    j += "],\"personen\":[";
    for (int g = 0; g <= G; ++g) {
      j += g ? ",[" : "[";
      for (int k = 0; k <= K; ++k) {
        j += k ? ",[" : "[";
        for (int s = 0; s < S; ++s) j += (s ? "," : "") + n_or_null(pub.persons[o.row(g, k, s)]);
        j += "]";
      }
      j += "]";
    }
    // Per move: [moves, monthly probability, lower, upper], or null when the count is hidden or the
    // instrument's persons are (the probability is the count over the months at risk).
    j += "],\"overgangen\":[";
    for (int g = 0; g <= G; ++g) {
      j += g ? ",[" : "[";
      for (int k = 0; k <= K; ++k) {
        j += k ? ",[" : "[";
        for (int s = 0; s < S; ++s) {
          j += s ? ",[" : "[";
          for (int to = 0; to < S; ++to) {
            const std::size_t c = o.cell(g, k, s, to);
            const bool shown = to != s && pub.moves[c] >= 0 && pub.persons[o.row(g, k, s)] >= 0;
            j += std::string(to ? "," : "") +
                 (shown ? fmt::format("[{},{:.5f},{:.5f},{:.5f}]", pub.moves[c], o.rate[c], o.lo[c], o.hi[c]) : "null");
          }
          j += "]";
        }
        j += "]";
      }
      j += "]";
    }
    j += "]}";
  }
  if (in.stocks) {
    const MonthlyStocks& m = *in.stocks;
    if (m.gemeenten != G) throw std::invalid_argument("dashboard: the episodes' gemeenten differ from the extracts'");
    const auto v = dashboard_stocks(m, small);
    const int S = static_cast<int>(m.states.size());
    j += ",\"maanden\":{\"states\":[";
    for (int s = 0; s < S; ++s) j += json_string(m.states[z(s)]) + ",";
    j += json_string("totaal") + "],\"maanden\":[";
    for (std::size_t i = 0; i < m.months.size(); ++i) j += (i ? "," : "") + json_string(m.months[i].str());
    j += "],\"stand\":[";
    for (std::size_t i = 0; i < m.months.size(); ++i) {
      j += i ? ",[" : "[";
      for (int g = 0; g <= G; ++g) {
        j += g ? ",[" : "[";
        for (int k = 0; k <= K; ++k) {
          j += k ? ",[" : "[";
          for (int s = 0; s <= S; ++s)
            j += (s ? "," : "") + n_or_null(v[((i * z(G + 1) + z(g)) * (K + 1) + z(k)) * z(S + 1) + z(s)]);
          j += "]";
        }
        j += "]";
      }
      j += "]";
    }
    j += "]}";
  }
  if (in.realisatie) {
    if (static_cast<int>(in.realisatie->gemeenten.size()) != G)
      throw std::invalid_argument("dashboard: the realisatie's gemeenten differ from the extracts'");
    j += realisatie_json(*in.realisatie, small);
  }
  return j;
}
}  // namespace

namespace {
// The page's script: reads the embedded data, fills the filter and redraws tables and charts. Hidden
// counts (null) show as "x", zeros as "<threshold" like `mkba bestand`; charts leave hidden points out.
constexpr const char* kScript = R"js(
(function () {
  var D = JSON.parse(document.getElementById('dashboard-data').textContent);
  var G = D.gemeenten.length, K = D.kwadranten.length - 1;
  var order = [];  // kwadrant 1..4, then onbekend (index 0), then the total
  for (var k = 1; k < K; ++k) order.push(k);
  order.push(0); order.push(K);
  function shown(v) { return v === null ? 'x' : (v === 0 ? '<' + D.threshold : v.toLocaleString('nl-NL')); }
  function pct(p, digits) { return (100 * p).toLocaleString('nl-NL', { minimumFractionDigits: digits, maximumFractionDigits: digits }) + ' %'; }
  // A share of two published counts (both shown; below the threshold nothing is said).
  function share(part, whole) { return part === null || whole === null || !whole ? '-' : pct(part / whole, 0); }
  function el(tag, text, cls) { var e = document.createElement(tag); if (text !== undefined) e.textContent = text; if (cls) e.className = cls; return e; }
  var sel = document.getElementById('gemeente'), pair = document.getElementById('overgang');
  var kwSel = document.getElementById('kwadrant'), van = document.getElementById('van'), tot = document.getElementById('tot');
  function option(select, text, value) { var o = el('option', text); o.value = value; select.appendChild(o); }
  D.gemeenten.forEach(function (g, i) { option(sel, g, i); });
  sel.value = G - 1;
  option(kwSel, 'alle', -1);
  order.slice(0, K).forEach(function (k) { option(kwSel, D.kwadranten[k], k); });
  D.extracts.forEach(function (e, i) { option(van, e.peildatum, i); option(tot, e.peildatum, i); });
  tot.selectedIndex = D.extracts.length - 1;
  D.transitions.forEach(function (t, i) { option(pair, t.from + ' \u2192 ' + t.to, i); });
  var domSel = document.getElementById('domein'), viewSel = document.getElementById('weergave'), periodSel = document.getElementById('tijdvak');
  (D.domeinen || []).forEach(function (d, i) { option(domSel, d, i); });
  option(viewSel, 'maand', 0); option(viewSel, 'kwartaal', 1);
  // The months of the overviews: the episodes' months, or without episodes the peildata's months.
  var months = D.maanden ? D.maanden.maanden : D.extracts.map(function (e) { return e.peildatum.slice(0, 7); });
  function quarter(m) { return m.slice(0, 4) + '-K' + (Math.floor((+m.slice(5, 7) - 1) / 3) + 1); }
  // Periods of a view: [label, index of its last month in `months`].
  function periods(view) {
    var out = [];
    months.forEach(function (m, i) {
      var label = view === 1 ? quarter(m) : m;
      if (out.length && out[out.length - 1][0] === label) out[out.length - 1][1] = i; else out.push([label, i]);
    });
    return out;
  }
  function fillPeriods() {
    var keep = periodSel.options.length ? periodSel.selectedIndex : -1;
    periodSel.innerHTML = '';
    periods(+viewSel.value).forEach(function (p, i) { option(periodSel, p[0], i); });
    periodSel.selectedIndex = keep >= 0 && keep < periodSel.options.length ? keep : periodSel.options.length - 1;
  }
  fillPeriods();
  // A link can choose the filters, by position in each selector, e.g.
  // dashboard.html#gemeente=2&kwadrant=1&van=0&tot=3&overgang=1; the address keeps the choice.
  var selects = { gemeente: sel, kwadrant: kwSel, van: van, tot: tot, overgang: pair, domein: domSel, weergave: viewSel, tijdvak: periodSel };
  location.hash.replace(/^#/, '').split('&').forEach(function (kv) {
    var m = /^(gemeente|kwadrant|van|tot|overgang|domein|weergave)=(\d+)$/.exec(kv);
    if (m && +m[2] < selects[m[1]].options.length) selects[m[1]].selectedIndex = +m[2];
  });
  // #samenvatting=1: printing this page prints the summary alone (a link to a gemeente's report).
  if (/(^#|&)samenvatting=1(&|$)/.test(location.hash)) document.body.classList.add('print-summary');
  fillPeriods();  // the view may have changed; then the period of the link
  location.hash.replace(/^#/, '').split('&').forEach(function (kv) {
    var m = /^tijdvak=(\d+)$/.exec(kv);
    if (m && +m[1] < periodSel.options.length) periodSel.selectedIndex = +m[1];
  });
  function remember() {
    if (!history.replaceState) return;
    history.replaceState(null, '', '#' + Object.keys(selects).map(function (n) { return n + '=' + Math.max(0, selects[n].selectedIndex); }).join('&'));
  }
  var charts = {};
  var colours = ['#999999', '#1b9e77', '#7570b3', '#d95f02', '#e7298a', '#333333'];
  function table(id, corner, cols, rows) {
    var t = document.getElementById(id); t.innerHTML = '';
    var tr = el('tr'); tr.appendChild(el('th', corner));
    cols.forEach(function (c) { tr.appendChild(el('th', c)); });
    var head = el('thead'); head.appendChild(tr); t.appendChild(head);
    var body = el('tbody');
    rows.forEach(function (r) {
      var row = el('tr'); row.appendChild(el('th', r[0]));
      r[1].forEach(function (v) {
        row.appendChild(typeof v === 'string' ? el('td', v, 'num') : el('td', shown(v), v === null ? 'num hidden' : 'num'));
      });
      body.appendChild(row);
    });
    t.appendChild(body);
  }
  // ZRM domain scores: the distribution of the chosen domain per peildatum and the mean of every
  // domain (computed here from the published bins, shown only when all five scores are published).
  function mean(bins) {
    var n = 0, sum = 0;
    for (var s = 1; s <= 5; ++s) { if (bins[s] === null) return null; n += bins[s]; sum += s * bins[s]; }
    return n > 0 ? sum / n : null;
  }
  function decimal(v) { return v === null ? 'x' : v.toLocaleString('nl-NL', { minimumFractionDigits: 2, maximumFractionDigits: 2 }); }
  function chart(name, id, type, labels, sets, options) {
    if (typeof Chart === 'undefined') return;
    if (!charts[name]) charts[name] = new Chart(document.getElementById(id), { type: type, data: { labels: labels, datasets: sets }, options: options });
    else { charts[name].data.labels = labels; charts[name].data.datasets = sets; charts[name].update(); }
  }
  var scoreColours = ['#bbbbbb', '#d7191c', '#fdae61', '#ffffbf', '#a6d96a', '#1a9641'];
  function drawSections(g, kw, a, b) {
    var kk = kw < 0 ? K : kw;
    var ex = D.extracts.slice(a, b + 1);
    document.getElementById('zrm').hidden = !D.zrm;
    if (D.zrm) {
      var dom = +domSel.value, z = D.zrm.slice(a, b + 1);
      table('tabel-zrm-gemiddeld', 'domein', ex.map(function (e) { return e.peildatum; }),
            D.domeinen.map(function (name, d) { return [name, z.map(function (e) { return decimal(mean(e[g][kk][d])); })]; }));
      table('tabel-zrm', 'peildatum', ['niet gescoord', '1', '2', '3', '4', '5', 'gemiddelde'],
            z.map(function (e, i) { var bins = e[g][kk][dom]; return [ex[i].peildatum, bins.concat([decimal(mean(bins))])]; }));
      chart('zrm', 'grafiek-zrm', 'bar', ex.map(function (e) { return e.peildatum; }),
            [0, 1, 2, 3, 4, 5].map(function (s) {
              return { label: s ? 'score ' + s : 'niet gescoord', backgroundColor: scoreColours[s],
                       data: z.map(function (e) { return e[g][kk][dom][s]; }) };
            }),
            { animation: false, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, title: { display: true, text: 'personen' } } } });
    }
    // Wat werkt voor wie: per instrument (the state of an episode) the persons and, per next state,
    // the moves with the monthly probability and its interval.
    var U = D.uitkomsten;
    document.getElementById('wat-werkt').hidden = !U;
    if (U) {
      var S = U.states.length, rows = [], dests = [];
      for (var s = 0; s < S; ++s) if (U.personen[G - 1][K][s] !== 0) rows.push(s);
      for (var t = 0; t < S; ++t)
        if (rows.some(function (s) { var c = U.overgangen[G - 1][K][s][t]; return s !== t && (c === null || c[0] > 0); })) dests.push(t);
      table('tabel-uitkomsten', 'instrument', ['personen'].concat(dests.map(function (t) { return 'naar ' + U.states[t]; })),
            rows.map(function (s) {
              return [U.states[s], [U.personen[g][kk][s]].concat(dests.map(function (t) {
                if (t === s) return '';
                var c = U.overgangen[g][kk][s][t];
                return c === null ? 'x' : shown(c[0]) + ' \u00b7 ' + pct(c[1], 1) + ' (' + pct(c[2], 1) + '\u2013' + pct(c[3], 1) + ')';
              }))];
            }));
      var work = U.states.indexOf('regulier');
      if (work >= 0) {
        var kws = kw < 0 ? order.slice(0, K) : [kw];
        var inst = rows.filter(function (s) { return s !== work; });
        chart('uitkomsten', 'grafiek-uitkomsten', 'bar', inst.map(function (s) { return U.states[s]; }),
              kws.map(function (k) {
                return { label: D.kwadranten[k], backgroundColor: colours[k],
                         data: inst.map(function (s) { var c = U.overgangen[g][k][s][work]; return c === null ? null : 100 * c[1]; }) };
              }),
              { animation: false, scales: { y: { beginAtZero: true, title: { display: true, text: '% per maand naar regulier werk' } } } });
      }
    }
    // Month and quarter overview: the caseload per state at the end of each period, within the
    // chosen peildata.
    var M = D.maanden, view = +viewSel.value, per = periods(view);
    document.getElementById('overzicht').hidden = !M;
    var first = D.extracts[a].peildatum.slice(0, 7), last = D.extracts[b].peildatum.slice(0, 7);
    if (M) {
      var cols = [];
      for (var s2 = 0; s2 < M.states.length; ++s2)
        if (M.stand.some(function (m) { return m[G - 1][K][s2] !== 0; })) cols.push(s2);
      var inRange = per.filter(function (p) { return months[p[1]] >= first && months[p[1]] <= last; });
      table('tabel-maanden', view === 1 ? 'kwartaal (stand laatste maand)' : 'maand', cols.map(function (s) { return M.states[s]; }),
            inRange.map(function (p) { return [p[0], cols.map(function (s) { return M.stand[p[1]][g][kk][s]; })]; }));
      chart('maanden', 'grafiek-maanden', 'line', inRange.map(function (p) { return p[0]; }),
            cols.filter(function (s) { return s < M.states.length - 1; }).map(function (s, i) {
              return { label: M.states[s], data: inRange.map(function (p) { return M.stand[p[1]][g][kk][s]; }),
                       borderColor: colours[i % colours.length], backgroundColor: colours[i % colours.length] };
            }),
            { animation: false, scales: { y: { beginAtZero: true, title: { display: true, text: 'personen' } } } });
    }
    // The printable summary of one gemeente and one period.
    var p = per[Math.min(periodSel.selectedIndex, per.length - 1)], prev = per[Math.min(periodSel.selectedIndex, per.length - 1) - 1];
    var end = months[p[1]];
    document.getElementById('samenvatting-titel').textContent =
      (view === 1 ? 'Kwartaaloverzicht ' : 'Maandoverzicht ') + D.gemeenten[g] + ', ' + p[0];
    if (M) {
      table('tabel-samenvatting-stand', 'status', ['stand ' + p[0], prev ? 'stand ' + prev[0] : 'vorige periode', 'verschil'],
            cols.map(function (s) {
              var st = M.states[s], now = M.stand[p[1]][g][K][s], before = prev ? M.stand[prev[1]][g][K][s] : null;
              return [st, [now, before, now === null || before === null ? '-' : (now - before).toLocaleString('nl-NL')]];
            }));
    }
    var e = 0;  // the latest extract up to the period's end
    D.extracts.forEach(function (x, i) { if (x.peildatum.slice(0, 7) <= end) e = i; });
    var ee = D.extracts[e];
    table('tabel-samenvatting-bestand', 'peildatum ' + ee.peildatum, ['personen', 'gescreend (12 mnd)', 'herscreening achterstallig'],
          order.map(function (k) {
            var scr = D.screening ? D.screening[e] : null;
            return [D.kwadranten[k], [ee.kwadrant[g][k], scr ? scr.recent[g][k] : (k === K ? ee.gescreend[g] : '-'),
                                      scr ? scr.achterstallig[g][k] : '-']];
          }));
    if (U) {
      var w = U.states.indexOf('regulier');
      table('tabel-samenvatting-werk', 'instrument', ['personen', w >= 0 ? 'naar regulier werk per maand' : '-'],
            rows.filter(function (s) { return s !== w; }).map(function (s) {
              var c = w >= 0 ? U.overgangen[g][K][s][w] : null;
              return [U.states[s], [U.personen[g][K][s], c === null ? 'x' : pct(c[1], 1) + ' (' + pct(c[2], 1) + '\u2013' + pct(c[3], 1) + ')']];
            }));
    }
    document.getElementById('samenvatting-werk').hidden = !U;
    // Realisatie: the realised stand per state, instroom and uitstroom (vertrek plus moves to
    // regulier werk) and places used, per month or quarter, for the chosen gemeente (all kwadranten).
    var R = D.realisatie, hasR = false;
    document.getElementById('realisatie').hidden = !R;
    if (R) {
      var RT = R.states.length - 1, rcols = [], rper = [];
      for (var rs = 0; rs < RT; ++rs)
        if (R.stand.some(function (m) { return m[G - 1][rs] !== 0; }) || R.instroom.some(function (m) { return m[G - 1][rs] !== 0; })) rcols.push(rs);
      R.maanden.forEach(function (m, i) {
        var lab = view === 1 ? quarter(m) : m;
        if (rper.length && rper[rper.length - 1][0] === lab) rper[rper.length - 1][1].push(i); else rper.push([lab, [i]]);
      });
      // A quarter: the stand of its last month, instroom and uitstroom summed, places the mean (fte).
      var rsum = function (arr, idx, s) {
        var t = 0;
        for (var i = 0; i < idx.length; ++i) { var v = arr[idx[i]][g][s]; if (v === null) return null; t += v; }
        return t;
      };
      var rrow = function (idx, s) {
        var last = idx[idx.length - 1], pl = R.plaatsen ? rsum(R.plaatsen, idx, s) : null;
        return [R.stand[last][g][s], rsum(R.instroom, idx, s), rsum(R.uitstroom, idx, s)]
          .concat(R.plaatsen ? [pl === null ? 'x' : (pl / idx.length).toLocaleString('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 })] : []);
      };
      var rhead = ['instroom', 'uitstroom'].concat(R.plaatsen ? ['plaatsen (fte)'] : []);
      table('tabel-realisatie', view === 1 ? 'kwartaal (stand laatste maand)' : 'maand',
            rcols.map(function (s) { return 'stand ' + R.states[s]; }).concat(['stand totaal']).concat(rhead),
            rper.map(function (p) {
              var last = p[1][p[1].length - 1];
              return [p[0], rcols.map(function (s) { return R.stand[last][g][s]; }).concat(rrow(p[1], RT))];
            }));
      chart('realisatie', 'grafiek-realisatie', 'line', rper.map(function (p) { return p[0]; }),
            rcols.map(function (s, i) {
              return { label: 'stand ' + R.states[s], data: rper.map(function (p) { return R.stand[p[1][p[1].length - 1]][g][s]; }),
                       borderColor: colours[i % colours.length], backgroundColor: colours[i % colours.length] };
            }).concat([['instroom', R.instroom, '#66a61e'], ['uitstroom', R.uitstroom, '#e6ab02']].map(function (f) {
              return { label: f[0], borderDash: [6, 3], borderColor: f[2], backgroundColor: f[2],
                       data: rper.map(function (p) { return rsum(f[1], p[1], RT); }) };
            })),
            { animation: false, scales: { y: { beginAtZero: true, title: { display: true, text: 'personen' } } } });
      // In the summary: the realised months of the chosen period.
      var ridx = [];
      R.maanden.forEach(function (m, i) { if (view === 1 ? quarter(m) === quarter(end) : m === end) ridx.push(i); });
      hasR = ridx.length > 0;
      if (hasR)
        table('tabel-samenvatting-realisatie', 'status', ['stand eind ' + p[0]].concat(rhead),
              rcols.concat([RT]).map(function (s) { return [R.states[s], rrow(ridx, s)]; }));
    }
    document.getElementById('samenvatting-realisatie').hidden = !hasR;
    document.getElementById('samenvatting-stand').hidden = !M;
  }
  document.getElementById('afdrukken').addEventListener('click', function () {
    var had = document.body.classList.contains('print-summary');
    document.body.classList.add('print-summary');
    window.print();
    if (!had) document.body.classList.remove('print-summary');
  });
  viewSel.addEventListener('change', function () { periodSel.innerHTML = ''; fillPeriods(); });
  function draw() {
    var g = +sel.value, kw = +kwSel.value;
    var a = Math.min(van.selectedIndex, tot.selectedIndex), b = Math.max(van.selectedIndex, tot.selectedIndex);
    var ex = D.extracts.slice(a, b + 1);
    var labels = ex.map(function (e) { return e.peildatum; });
    var kws = kw < 0 ? order.slice(0, K) : [kw];  // the kwadranten shown
    var cols = kws.concat([K]);
    table('tabel-bestand', 'peildatum', cols.map(function (k) { return D.kwadranten[k]; }),
          ex.map(function (e) { return [e.peildatum, cols.map(function (k) { return e.kwadrant[g][k]; })]; }));
    // Not screened within twelve months = persons minus screened: shown only when both are (the
    // difference is a cell of the same protection problem, so it is never a hidden small count).
    // With the screening per kwadrant: its own protected cells (screened, overdue) for the kwadrant.
    var kk = kw < 0 ? K : kw;
    table('tabel-screening', 'peildatum', ['personen', 'gescreend in de 12 maanden tot de peildatum',
                                           'niet gescreend in die 12 maanden (herscreening achterstallig)', 'dekking'],
          ex.map(function (e, i) {
            var n = e.kwadrant[g][kk], r, o;
            if (D.screening) { r = D.screening[a + i].recent[g][kk]; o = D.screening[a + i].achterstallig[g][kk]; }
            else { r = e.gescreend[g]; o = n === null || r === null ? null : n - r; }
            return [e.peildatum, [n, r, o, share(r, n)]];
          }));
    drawSections(g, kw, a, b);
    var hasPair = D.transitions.length > 0;
    document.getElementById('overgangen').hidden = !hasPair;
    if (hasPair) {
      var t = D.transitions[+pair.value];
      var to = order.slice(0, K).concat([K]);
      var toLabels = to.map(function (k) { return k === K ? 'uit bestand' : D.kwadranten[k]; });
      var from = D.extracts[+pair.value].kwadrant[g];
      table('tabel-overgang', t.from + ' \\ ' + t.to, toLabels.concat(['totaal ' + t.from]),
            (kw < 0 ? order : [kw]).map(function (k) { return [k === K ? 'totaal' : D.kwadranten[k],
              to.map(function (j) { return t.counts[g][k][j]; }).concat([k === K ? from[K] : from[k]])]; }));
    }
    if (typeof Chart === 'undefined') return;
    var sets = kws.map(function (k) {
      return { label: D.kwadranten[k], data: ex.map(function (e) { return e.kwadrant[g][k]; }),
               borderColor: colours[k], backgroundColor: colours[k], spanGaps: false };
    });
    if (!charts.bestand) {
      charts.bestand = new Chart(document.getElementById('grafiek-bestand'), { type: 'line',
        data: { labels: labels, datasets: sets },
        options: { animation: false, scales: { y: { beginAtZero: true, title: { display: true, text: 'personen' } } } } });
    } else { charts.bestand.data.labels = labels; charts.bestand.data.datasets = sets; charts.bestand.update(); }
    if (hasPair) {
      var tt = D.transitions[+pair.value];
      var tsets = order.slice(0, K).concat([K]).map(function (j) {
        return { label: j === K ? 'uit bestand' : D.kwadranten[j], backgroundColor: colours[j],
                 data: kws.map(function (k) { return tt.counts[g][k][j]; }) };
      });
      var xl = kws.map(function (k) { return D.kwadranten[k]; });
      if (!charts.overgang) {
        charts.overgang = new Chart(document.getElementById('grafiek-overgang'), { type: 'bar',
          data: { labels: xl, datasets: tsets },
          options: { animation: false, scales: { x: { stacked: true, title: { display: true, text: 'kwadrant op ' + tt.from } },
                                                 y: { stacked: true, beginAtZero: true, title: { display: true, text: 'personen' } } } } });
      } else { charts.overgang.data.labels = xl; charts.overgang.data.datasets = tsets; charts.overgang.options.scales.x.title.text = 'kwadrant op ' + tt.from; charts.overgang.update(); }
    }
  }
  Object.keys(selects).forEach(function (n) { selects[n].addEventListener('change', function () { remember(); draw(); }); });
  draw();
  // Time from navigation start to the first complete draw (benchmarks/dashboard_load.sh reads it).
  if (window.performance) document.body.setAttribute('data-ready-ms', String(Math.round(performance.now())));
})();
)js";

constexpr const char* kStyle = R"css(
body { font-family: sans-serif; margin: 1.5em; max-width: 60em; color: #222; }
table { border-collapse: collapse; margin: 0.5em 0 1em; }
th, td { border: 1px solid #ccc; padding: 0.2em 0.6em; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.hidden { color: #888; }
.note { color: #555; font-size: 0.9em; }
canvas { max-height: 22em; }
table.wide { font-size: 0.85em; }
.summary { border: 1px solid #999; padding: 0.5em 1em; }
@media print {
  .filters, button, canvas { display: none; }
  body { margin: 0; max-width: none; }
  h2 { break-after: avoid; }
  table { break-inside: avoid; }
  /* "Samenvatting afdrukken" prints the summary of one gemeente alone. */
  body.print-summary > :not(#samenvatting) { display: none; }
  body.print-summary #samenvatting { border: none; }
}
)css";
}  // namespace

std::string dashboard_html(const std::vector<Bestand>& extracts, const std::vector<KwadrantTransitions>& transitions,
                           const std::string& chart_js) {
  DashboardInput in;
  in.extracts = extracts;
  in.transitions = transitions;
  return dashboard_html(in, chart_js);
}

std::string dashboard_html(const DashboardInput& in, const std::string& chart_js) {
  if (chart_js.find("</script") != std::string::npos || chart_js.find("</SCRIPT") != std::string::npos)
    throw std::invalid_argument("dashboard_html: the chart library contains '</script' and cannot be inlined");
  const auto& extracts = in.extracts;
  const auto disclosure = dashboard_disclosure(extracts, in.transitions, &in.details);
  const int small = extracts.empty() ? 10 : extracts.front().small_cell;
  std::string h = "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n<title>Dashboard bestand</title>\n<style>";
  h += kStyle;
  h += "</style>\n</head>\n<body>\n<h1>Dashboard: het bestand over opeenvolgende screeningen</h1>\n";
  h += "<p class=\"note\">" + svg::escape(fmt::format(
           "{} extract(en), peildata {} tot en met {}. Aantallen personen per kwadrant (ZRM-screening, in het "
           "extract de laatste screening per persoon). \"<{}\": minder dan {} personen; \"x\": verborgen omdat het "
           "aantal anders uit de totalen af te leiden is. De pagina bevat alleen beschermde aantallen, geen "
           "gegevens per persoon.",
           extracts.size(), extracts.empty() ? "-" : extracts.front().peildatum.str(),
           extracts.empty() ? "-" : extracts.back().peildatum.str(), small, small)) + "</p>\n";
  h += "<div class=\"filters\"><label>Gemeente <select id=\"gemeente\"></select></label> "
       "<label>Kwadrant <select id=\"kwadrant\"></select></label> "
       "<label>Van <select id=\"van\"></select></label> <label>tot en met <select id=\"tot\"></select></label></div>\n";
  h += "<h2>Bestand per kwadrant</h2>\n<canvas id=\"grafiek-bestand\"></canvas>\n<table id=\"tabel-bestand\"></table>\n";
  h += "<h2>Screening</h2>\n<p class=\"note\">Personen met een ZRM-screening in de twaalf maanden tot en met de "
       "peildatum (zoals <code>mkba bestand</code>); bij de anderen is de herscreening achterstallig (hun laatste "
       "screening is ouder dan twaalf maanden). Dekking: het deel dat gescreend is.</p>\n"
       "<table id=\"tabel-screening\"></table>\n";
  h += "<section id=\"zrm\">\n<h2>ZRM-domeinen over de tijd</h2>\n";
  h += "<p class=\"note\">Gemiddelde score per domein (1 acuut probleem tot 5 volledig zelfredzaam, alleen gescoorde "
       "domeinen) en de verdeling van de scores van een domein, per peildatum, voor de gekozen gemeente en het gekozen "
       "kwadrant. Een gemiddelde staat er alleen als alle vijf aantallen van de verdeling gepubliceerd zijn. De "
       "scores zijn ordinaal: het gemiddelde is een samenvatting, geen meting.</p>\n";
  h += "<table id=\"tabel-zrm-gemiddeld\"></table>\n";
  h += "<div class=\"filters\"><label>Domein <select id=\"domein\"></select></label></div>\n";
  h += "<canvas id=\"grafiek-zrm\"></canvas>\n<table id=\"tabel-zrm\"></table>\n</section>\n";
  h += "<section id=\"overgangen\">\n<h2>Overgangen tussen kwadranten</h2>\n";
  h += "<div class=\"filters\"><label>Tussen <select id=\"overgang\"></select></label></div>\n";
  h += "<p class=\"note\">Rijen: het kwadrant op de eerste peildatum (en de gemeente op die datum); kolommen: het "
       "kwadrant op de volgende peildatum, of \"uit bestand\" als de persoon daar niet meer in staat. Wie later "
       "instroomt, staat hier niet. Beschrijvend: een verschuiving kan ook door herscreening komen.</p>\n";
  h += "<canvas id=\"grafiek-overgang\"></canvas>\n<table id=\"tabel-overgang\"></table>\n</section>\n";
  h += "<section id=\"wat-werkt\">\n<h2>Wat werkt voor wie (beschrijvend, niet causaal)</h2>\n";
  if (in.outcomes)
    h += "<p class=\"note\">" + svg::escape(fmt::format(
             "Uit de trajectepisodes tot en met {}: per instrument (de status van een episode) het aantal personen dat "
             "er ooit in zat, en per volgende status het aantal overgangen met de kans per maand in het instrument en "
             "het {}%-interval (Wilson), geschat zoals bij mkba calibrate (maanden in de status, lopende episodes "
             "tellen mee zonder overgang). Kwadrant en gemeente: van de laatste screening van de persoon. Dit "
             "beschrijft wie waarheen ging, niet wat een instrument veroorzaakte: wie een instrument krijgt, verschilt "
             "van wie het niet krijgt.",
             in.outcomes->extraction.str(), std::lround(in.outcomes->level * 100))) + "</p>\n";
  h += "<canvas id=\"grafiek-uitkomsten\"></canvas>\n<table id=\"tabel-uitkomsten\" class=\"wide\"></table>\n</section>\n";
  h += "<section id=\"overzicht\">\n<h2>Bestand per maand en kwartaal</h2>\n";
  h += "<p class=\"note\">Personen per status in de maand (uit de trajectepisodes), voor de gekozen gemeente en het "
       "gekozen kwadrant (van de laatste screening van de persoon), binnen de gekozen peildata; per kwartaal de "
       "stand in de laatste maand.</p>\n";
  h += "<div class=\"filters\"><label>Weergave <select id=\"weergave\"></select></label></div>\n";
  h += "<canvas id=\"grafiek-maanden\"></canvas>\n<table id=\"tabel-maanden\"></table>\n</section>\n";
  h += "<section id=\"realisatie\">\n<h2>Realisatie</h2>\n";
  h += "<p class=\"note\">Gerealiseerde cijfers per maand uit de realisatie (het bestand dat het werkbedrijf per "
       "gemeente, maand en status aanlevert), voor de gekozen gemeente, opgeteld over de kwadranten (het "
       "kwadrantfilter geldt hier niet): de stand per status aan het eind van de maand, de instroom in het bestand, "
       "de uitstroom (vertrek uit het bestand plus overgangen naar regulier werk) en de gebruikte plaatsen (fte). Per "
       "kwartaal: de stand van de laatste maand, instroom en uitstroom opgeteld, plaatsen gemiddeld.</p>\n";
  h += "<canvas id=\"grafiek-realisatie\"></canvas>\n<table id=\"tabel-realisatie\" class=\"wide\"></table>\n</section>\n";
  h += "<section id=\"samenvatting\" class=\"summary\">\n<h2 id=\"samenvatting-titel\">Samenvatting</h2>\n";
  h += "<div class=\"filters\"><label>Periode <select id=\"tijdvak\"></select></label> "
       "<button type=\"button\" id=\"afdrukken\">Samenvatting afdrukken</button></div>\n";
  h += "<div id=\"samenvatting-stand\"><h3>Bestand per status</h3>\n<table id=\"tabel-samenvatting-stand\"></table></div>\n";
  h += "<h3>Kwadranten en screening (laatste peildatum in de periode)</h3>\n<table id=\"tabel-samenvatting-bestand\"></table>\n";
  h += "<div id=\"samenvatting-werk\"><h3>Uitstroom naar werk per instrument (beschrijvend)</h3>\n"
       "<table id=\"tabel-samenvatting-werk\"></table></div>\n";
  h += "<div id=\"samenvatting-realisatie\"><h3>Realisatie in de periode</h3>\n"
       "<table id=\"tabel-samenvatting-realisatie\"></table></div>\n</section>\n";
  if (chart_js.empty()) h += "<p class=\"note\">Zonder grafieken gemaakt (Chart.js niet ingevoegd).</p>\n";
  std::string data = dashboard_json(extracts, in.transitions, disclosure);
  data.pop_back();  // the closing brace: the sections follow
  data += sections_json(in, disclosure) + "}";
  h += "<script type=\"application/json\" id=\"dashboard-data\">" + data + "</script>\n";
  if (!chart_js.empty()) h += "<script>\n" + chart_js + "\n</script>\n";
  h += "<script>" + std::string(kScript) + "</script>\n</body>\n</html>\n";
  return h;
}

}  // namespace mkba::report

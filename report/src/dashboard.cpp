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

std::vector<DashboardExtractDisclosure> dashboard_disclosure(const std::vector<Bestand>& extracts,
                                                             const std::vector<KwadrantTransitions>& transitions) {
  if (!extracts.empty() && transitions.size() + 1 != extracts.size())
    throw std::invalid_argument("dashboard_disclosure: one transition table between each two successive extracts");
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
  // A link can choose the filters, by position in each selector, e.g.
  // dashboard.html#gemeente=2&kwadrant=1&van=0&tot=3&overgang=1; the address keeps the choice.
  var selects = { gemeente: sel, kwadrant: kwSel, van: van, tot: tot, overgang: pair };
  location.hash.replace(/^#/, '').split('&').forEach(function (kv) {
    var m = /^(gemeente|kwadrant|van|tot|overgang)=(\d+)$/.exec(kv);
    if (m && +m[2] < selects[m[1]].options.length) selects[m[1]].selectedIndex = +m[2];
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
      r[1].forEach(function (v) { row.appendChild(el('td', shown(v), v === null ? 'num hidden' : 'num')); });
      body.appendChild(row);
    });
    t.appendChild(body);
  }
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
    table('tabel-screening', 'peildatum', ['personen', 'gescreend in de 12 maanden tot de peildatum', 'niet gescreend in die 12 maanden'],
          ex.map(function (e) {
            var n = e.kwadrant[g][K], r = e.gescreend[g];
            return [e.peildatum, [n, r, n === null || r === null ? null : n - r]];
          }));
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
@media print { .filters { display: none; } }
)css";
}  // namespace

std::string dashboard_html(const std::vector<Bestand>& extracts, const std::vector<KwadrantTransitions>& transitions,
                           const std::string& chart_js) {
  if (chart_js.find("</script") != std::string::npos || chart_js.find("</SCRIPT") != std::string::npos)
    throw std::invalid_argument("dashboard_html: the chart library contains '</script' and cannot be inlined");
  const auto disclosure = dashboard_disclosure(extracts, transitions);
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
       "peildatum (zoals <code>mkba bestand</code>); de anderen zijn toe aan een herscreening.</p>\n"
       "<table id=\"tabel-screening\"></table>\n";
  h += "<section id=\"overgangen\">\n<h2>Overgangen tussen kwadranten</h2>\n";
  h += "<div class=\"filters\"><label>Tussen <select id=\"overgang\"></select></label></div>\n";
  h += "<p class=\"note\">Rijen: het kwadrant op de eerste peildatum (en de gemeente op die datum); kolommen: het "
       "kwadrant op de volgende peildatum, of \"uit bestand\" als de persoon daar niet meer in staat. Wie later "
       "instroomt, staat hier niet. Beschrijvend: een verschuiving kan ook door herscreening komen.</p>\n";
  h += "<canvas id=\"grafiek-overgang\"></canvas>\n<table id=\"tabel-overgang\"></table>\n</section>\n";
  if (chart_js.empty()) h += "<p class=\"note\">Zonder grafieken gemaakt (Chart.js niet ingevoegd).</p>\n";
  h += "<script type=\"application/json\" id=\"dashboard-data\">" + dashboard_json(extracts, transitions, disclosure) + "</script>\n";
  if (!chart_js.empty()) h += "<script>\n" + chart_js + "\n</script>\n";
  h += "<script>" + std::string(kScript) + "</script>\n</body>\n</html>\n";
  return h;
}

}  // namespace mkba::report

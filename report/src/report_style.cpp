// The report's CSS, screen and A4 print (report_style.hpp).
#include "report_style.hpp"

#include <mkba/report/lang.hpp>

namespace mkba::report {
namespace {

// A CSS string literal: quotes and backslashes escaped, '<' as \3c so the text can never close the
// <style> element.
std::string css_string(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += std::string("\\") + c;
    else if (c == '<') out += "\\3c ";
    else if (c == '\n' || c == '\r') out += ' ';
    else out += c;
  }
  return out + "\"";
}

constexpr const char* kBody = R"(body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10pt; color: #222; max-width: 182mm; margin: 0 auto; line-height: 1.35; }
h1 { font-size: 18pt; margin-bottom: 2mm; }
h2 { font-size: 14pt; border-bottom: 1px solid #999; margin-top: 8mm; }
h3 { font-size: 11pt; margin-top: 5mm; }
h1, h2, h3, caption { break-after: avoid; page-break-after: avoid; }
p, li { orphans: 3; widows: 3; }
table { border-collapse: collapse; margin: 2mm 0; font-size: 8.5pt; max-width: 100%; }
table.kort { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
caption { text-align: left; font-weight: bold; padding-bottom: 1mm; }
th, td { border-bottom: 1px solid #ddd; padding: 1mm 2mm; vertical-align: top; overflow-wrap: break-word; }
tbody th { min-width: 20mm; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.num.interval { white-space: normal; }
tr.total td, tr.total th, td.total { font-weight: bold; }
thead th { border-bottom: 1px solid #666; text-align: right; }
thead th:first-child, tbody th { text-align: left; }
p.note { font-size: 8pt; color: #555; margin-top: 0; }
p.conclusie { font-size: 11pt; border-left: 3px solid #0072B2; padding-left: 3mm; }
figure.chart { margin: 3mm 0; break-inside: avoid; page-break-inside: avoid; }
figure.chart svg { width: 150mm; max-width: 100%; height: auto; font-family: inherit; }
figcaption { font-size: 8pt; color: #555; }
div.half { display: inline-block; width: 49%; vertical-align: top; break-inside: avoid; }
div.half figure.chart svg { width: 100%; }
div.bijlagen > section { break-before: page; page-break-before: always; }
div.bijlagen table { font-size: 7pt; }
div.bijlagen th, div.bijlagen td { padding: 0.6mm 1.2mm; }
nav ol { columns: 2; }
td.hash { font-family: "DejaVu Sans Mono", monospace; font-size: 7pt; word-break: break-all; }
th.interval, td.interval, span.interval { color: #555; }
span.interval { font-size: 6.5pt; font-weight: normal; white-space: normal; }
table.wide { font-size: 7.5pt; }
table.wide th, table.wide td { padding: 0.8mm 1mm; }
div.bijlagen table.wide td:not(.num), table.xwide td:not(.num) { overflow-wrap: anywhere; }
table.xwide { font-size: 6.5pt; }
table.xwide th, table.xwide td { padding: 0.5mm 0.7mm; }
table.xwide thead th { writing-mode: vertical-rl; transform: rotate(180deg); text-align: left; white-space: nowrap; vertical-align: bottom; }
table.xwide thead th:first-child { writing-mode: horizontal-tb; transform: none; }
ol.bronnen li { margin-bottom: 1.5mm; }
.meta { color: #555; }
@media print { nav { break-after: page; } a { color: inherit; text-decoration: none; } }
)";

}  // namespace

std::string report_style(const std::string& running_header, Lang lang) {
  // A4 with margins for a running header (the analysis's name) and the page number "Pagina 3 van 12".
  const std::string page_word = lang == Lang::en ? "Page " : "Pagina ";
  const std::string of_word = lang == Lang::en ? " of " : " van ";
  std::string css = "@page { size: A4; margin: 18mm 14mm 16mm 14mm;\n"
                    "  @top-left { content: " + css_string(running_header) + "; font-size: 8pt; color: #555; }\n"
                    "  @bottom-right { content: " + css_string(page_word) + " counter(page) " + css_string(of_word) +
                    " counter(pages); font-size: 8pt; color: #555; }\n}\n"
                    "@page :first { @top-left { content: none; } }\n";
  return css + kBody;
}

}  // namespace mkba::report

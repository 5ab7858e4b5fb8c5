#pragma once
// Tables as CSV (plain: ',' and '.' decimals; Dutch Excel: ';', decimal comma, UTF-8 BOM, CRLF)
// and as Markdown. Suppressed cells print "<threshold" (a count under the threshold) or "x".
#include <mkba/report/tables.hpp>

#include <string>

namespace mkba::report {

enum class CsvDialect { plain, dutch_excel };

std::string table_csv(const Table& t, double threshold, CsvDialect dialect);
std::string table_markdown(const Table& t, double threshold);
// One gemeente's appendix: every table, the legend of the symbols.
std::string appendix_markdown(const Scenario& s, const GemeenteAppendix& g, double threshold, Lang lang = Lang::nl);

}  // namespace mkba::report

#pragma once
// The CSS of rapport.html: screen layout and A4 print (margins, a running header with the
// analysis's name, "Pagina n van m" at the foot, headings kept with what follows, table rows never
// split, table headers repeated on a new page, wide tables in a smaller font with turned headers).
#include <mkba/report/lang.hpp>

#include <string>

namespace mkba::report {

std::string report_style(const std::string& running_header, Lang lang);

}  // namespace mkba::report

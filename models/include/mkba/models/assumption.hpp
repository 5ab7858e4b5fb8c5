#pragma once
// The one rule for "this value is an assumption", read from a `source:` text (docs/sources.md,
// tags): no source at all, or a source tagged [U] ("[U]", "[K, U]", "[U, derived]",
// "[seed; U in the sources]"). The plausibility section (its assumption shares), the HTML report's
// Bronnen section and the workbook's Bronnen sheet all call it.
#include <string_view>

namespace mkba {

bool source_is_assumption(std::string_view source);

}  // namespace mkba

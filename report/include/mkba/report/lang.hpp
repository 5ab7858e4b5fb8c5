#pragma once
// The report's language. Dutch is the default and the source text: every Dutch string the report
// prints is also the key of its English translation in one small table (report/src/lang.cpp), so
// there is one template per output and no second copy in English. A Dutch string without an entry
// prints as is (tests check the headings and labels do have one).
#include <string>
#include <string_view>

namespace mkba::report {

enum class Lang { nl, en };

// "nl" or "en"; throws std::invalid_argument otherwise.
Lang parse_lang(std::string_view code);
const char* lang_code(Lang lang);

// The text in `lang`: `nl` itself for Dutch, its English entry otherwise (or `nl` when missing).
std::string tr(Lang lang, const std::string& nl);
bool has_translation(const std::string& nl);

}  // namespace mkba::report

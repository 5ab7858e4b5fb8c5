#pragma once
// `mkba report --pdf`: rapport.html printed to A4 PDF by headless Chromium (the report's own @page
// rules give the margins, the running header and the page numbers). Chromium is optional: without
// it the command says how to get it.
#include <optional>
#include <string>

namespace mkba::report {

// The browser: $MKBA_CHROMIUM (a path or a command name) when set, else the first of chromium,
// chromium-browser, google-chrome on the PATH; nothing when none is found.
std::optional<std::string> find_chromium();

// The file:// URL of an absolute path, every byte outside RFC 3986's unreserved set and '/'
// percent-encoded, so a folder named "rapport #2" or "100%" reaches the browser as that file.
std::string file_url(const std::string& absolute_path);

// Prints `html_file` to `pdf_file` (written as pdf_file + ".partial", renamed when complete).
// Throws std::runtime_error with the browser's message when it fails or takes longer than
// `timeout_seconds`.
void print_pdf(const std::string& browser, const std::string& html_file, const std::string& pdf_file,
               int timeout_seconds = 120);

}  // namespace mkba::report

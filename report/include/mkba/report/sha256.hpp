#pragma once
// SHA-256 (FIPS 180-4) for the reproducibility manifest. Self-contained so the stamp does not pull
// a crypto library into a report writer; checked against the FIPS test vectors.
#include <string>
#include <string_view>

namespace mkba::report {

std::string sha256_hex(std::string_view bytes);   // 64 lowercase hex digits
std::string sha256_file(const std::string& path); // throws mkba::Error when the file cannot be read

}  // namespace mkba::report

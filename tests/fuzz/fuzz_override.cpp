// libFuzzer target: mkba::parse_override (`--set path=value`), and the override applied to the
// minimal test scenario (MKBA_FUZZ_SCENARIO), so the value parsing and validation run too.
#include <mkba/models/errors.hpp>
#include <mkba/models/load.hpp>

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  mkba::Override o;
  try {
    o = mkba::parse_override(text);
  } catch (const mkba::Error&) {
    return 0;
  }
  try {
    (void)mkba::load_scenario(MKBA_FUZZ_SCENARIO, {o});
  } catch (const mkba::Error&) {
  }
  return 0;
}

// libFuzzer target: the ZRM screening CSV reader (parse_screening_csv), strict and lenient.
#include <mkba/models/errors.hpp>
#include <mkba/models/screening.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {

mkba::ScreeningReadOptions options(bool lenient) {
  mkba::ScreeningReadOptions o;
  o.gemeenten = mkba::region_gemeenten();
  o.states = mkba::default_screening_states();
  o.reference = {2020, 7, 1};
  o.lenient = lenient;
  return o;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const mkba::ScreeningReadOptions strict = options(false);
  static const mkba::ScreeningReadOptions lenient = options(true);
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (const auto* o : {&strict, &lenient}) {
    try {
      const auto d = mkba::parse_screening_csv(text, "fuzz.csv", *o);
      // Round trip what was accepted through the writer.
      (void)mkba::screening_csv(d);
    } catch (const mkba::Error&) {
    }
  }
  return 0;
}

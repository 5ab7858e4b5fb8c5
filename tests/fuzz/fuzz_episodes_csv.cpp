// libFuzzer target: the pathway readers, episodes (parse_episodes_csv) and panel (parse_panel_csv),
// on the same input; accepted data is written back (episodes_csv, panel_csv).
#include <mkba/models/episodes.hpp>
#include <mkba/models/errors.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const mkba::EpisodeReadOptions options = [] {
    mkba::EpisodeReadOptions o;
    o.states = {"uitkering", "traject", "beschut", "lks", "regulier"};
    o.extraction = {2020, 6};
    return o;
  }();
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    (void)mkba::episodes_csv(mkba::parse_episodes_csv(text, "fuzz.csv", options));
  } catch (const mkba::Error&) {
  }
  try {
    (void)mkba::panel_csv(mkba::parse_panel_csv(text, "fuzz.csv", options));
  } catch (const mkba::Error&) {
  }
  return 0;
}

// `loonwaarde`: a person attribute drawn per declared segment from a Beta distribution, in bands
// (docs/scenario-format.md), and the segments the engine counts by (declared segment x band).
#include "loader.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace mkba::detail {

// loonwaarde: a person attribute drawn from a Beta distribution per declared segment, in bands
// (docs/scenario-format.md). Declares the implicit parameter `loonwaarde` for effect amounts.
void Loader::loonwaarde(const YAML::Node& n) {
  if (!r_.expect_map(n, "loonwaarde")) return;
  r_.check_keys(n, "loonwaarde", {"bands", "mean", "sd", "by_segment", "eligible", "source"});
  if (!s_.screening_file.empty()) {
    r_.error(n, "loonwaarde", "loonwaarde bands cannot yet be combined with a screening population "
                              "(population.screening); give the caseload as population.counts");
    return;
  }
  LoonwaardeSpec lw;
  if (auto b = r_.required(n, "bands", "loonwaarde")) {
    if (!r_.expect_sequence(*b, "loonwaarde.bands")) return;
    for (std::size_t i = 0; i < b->size(); ++i) {
      const std::string p = fmt::format("loonwaarde.bands[{}]", i);
      auto v = r_.number_in((*b)[i], p, 0, 1, "a band edge (a fraction of WML)");
      if (!v) return;
      if (!lw.edges.empty() && *v <= lw.edges.back()) {
        r_.error((*b)[i], p, fmt::format("expected increasing band edges, found {} after {}", *v, lw.edges.back()));
        return;
      }
      lw.edges.push_back(*v);
    }
    if (lw.edges.size() < 2 || lw.edges.front() != 0.0 || lw.edges.back() != 1.0) {
      r_.error(*b, "loonwaarde.bands", "expected band edges from 0 to 1, e.g. [0, 0.3, 0.5, 0.75, 1]");
      return;
    }
    if (lw.edges.size() > 21) {
      r_.error(*b, "loonwaarde.bands", fmt::format("at most 20 bands are supported, found {}", lw.edges.size() - 1));
      return;
    }
  } else {
    return;
  }
  const std::size_t S = s_.segments.size();
  lw.mean.assign(S, 0.5);
  lw.sd.assign(S, 0.1);
  auto moments = [&](const YAML::Node& m, const std::string& path, int seg, bool required) {
    for (const char* key : {"mean", "sd"}) {
      if (!m[key].IsDefined()) {
        if (required) r_.error(m, path, fmt::format("expected '{}' of the loonwaarde distribution", key));
        continue;
      }
      ParameterUse use;
      use.target = std::string(key) == "mean" ? ParameterUse::Target::loonwaarde_mean : ParameterUse::Target::loonwaarde_sd;
      use.index = seg;
      auto v = value(m[key], join_path(path, key), 1e-6, 1 - 1e-6, "a fraction between 0 and 1", use);
      if (v) (use.target == ParameterUse::Target::loonwaarde_mean ? lw.mean : lw.sd)[static_cast<std::size_t>(seg)] = *v;
    }
  };
  std::vector<bool> given(S, false);
  if (n["by_segment"].IsDefined() && r_.expect_map(n["by_segment"], "loonwaarde.by_segment"))
    for (const auto& kv : n["by_segment"]) {
      const std::string p = join_path("loonwaarde.by_segment", kv.first.Scalar());
      auto seg = name_ref(kv.first, p, s_.segments, "segment");
      if (!seg || !r_.expect_map(kv.second, p)) continue;
      r_.check_keys(kv.second, p, {"mean", "sd"});
      moments(kv.second, p, *seg, true);
      given[static_cast<std::size_t>(*seg)] = true;
    }
  for (std::size_t seg = 0; seg < S; ++seg) {
    if (given[seg]) continue;
    if (!n["mean"].IsDefined() || !n["sd"].IsDefined()) {
      r_.error(n, "loonwaarde", fmt::format("expected 'mean' and 'sd' (for every segment) or loonwaarde.by_segment.{}",
                                            s_.segments[seg]));
      break;
    }
    moments(n, "loonwaarde", static_cast<int>(seg), true);
  }
  for (std::size_t seg = 0; seg < S; ++seg)
    if (!(lw.sd[seg] * lw.sd[seg] < lw.mean[seg] * (1 - lw.mean[seg])))
      r_.error(n, "loonwaarde", fmt::format("segment {}: a Beta distribution needs sd^2 < mean (1 - mean); found mean {}, sd {}",
                                            s_.segments[seg], lw.mean[seg], lw.sd[seg]));
  lw.min.assign(s_.states.size(), 0.0);
  lw.max.assign(s_.states.size(), 1.0);
  if (n["eligible"].IsDefined() && r_.expect_map(n["eligible"], "loonwaarde.eligible"))
    for (const auto& kv : n["eligible"]) {
      const std::string p = join_path("loonwaarde.eligible", kv.first.Scalar());
      auto st = state_ref(kv.first, p);
      if (!st || !r_.expect_map(kv.second, p)) continue;
      r_.check_keys(kv.second, p, {"min", "max"});
      for (const char* key : {"min", "max"}) {
        if (!kv.second[key].IsDefined()) continue;
        auto v = r_.number_in(kv.second[key], join_path(p, key), 0, 1, "a loonwaarde (fraction of WML)");
        if (!v) continue;
        if (std::find(lw.edges.begin(), lw.edges.end(), *v) == lw.edges.end()) {
          r_.error(kv.second[key], join_path(p, key),
                   fmt::format("expected one of the band edges (loonwaarde.bands), found {}; add it to the bands", *v));
          continue;
        }
        (std::string(key) == "min" ? lw.min : lw.max)[static_cast<std::size_t>(*st)] = *v;
      }
      if (lw.min[static_cast<std::size_t>(*st)] >= lw.max[static_cast<std::size_t>(*st)])
        r_.error(kv.second, p, "expected min < max: no band would be eligible");
    }
  if (std::find_if(s_.parameters.begin(), s_.parameters.end(), [](const auto& q) { return q.id == "loonwaarde"; }) !=
      s_.parameters.end()) {
    r_.error(n, "loonwaarde", "a parameter named 'loonwaarde' is declared too; with a loonwaarde block that name is "
                              "each person's loonwaarde: rename the parameter");
    return;
  }
  ParameterSpec p;
  p.id = "loonwaarde";
  p.value = lw.mean[0];
  p.unit = "fractie WML";
  p.source = "per person: loonwaarde band (scenario key loonwaarde)";
  p.file = r_.file();
  p.line = n.Mark().line + 1;
  p.column = n.Mark().column + 1;
  lw.parameter = static_cast<int>(s_.parameters.size());
  s_.parameters.push_back(p);
  s_.loonwaarde = std::move(lw);
}

// The segments the engine counts by: declared segment x loonwaarde band (declared * B + band).
void Loader::expand_segments() {
  s_.declared_segments = s_.segments;
  s_.segment_declared.clear();
  s_.segment_band.clear();
  if (!s_.loonwaarde) {
    for (std::size_t i = 0; i < s_.segments.size(); ++i) {
      s_.segment_declared.push_back(static_cast<int>(i));
      s_.segment_band.push_back(0);
    }
    return;
  }
  const auto& e = s_.loonwaarde->edges;
  std::vector<std::string> names;
  for (std::size_t d = 0; d < s_.declared_segments.size(); ++d)
    for (int b = 0; b < s_.loonwaarde->bands(); ++b) {
      const std::string band = fmt::format("lw{:g}-{:g}", e[static_cast<std::size_t>(b)] * 100, e[static_cast<std::size_t>(b) + 1] * 100);
      names.push_back(s_.declared_segments.size() == 1 && s_.declared_segments[0] == "alle" ? band
                                                                                           : s_.declared_segments[d] + "/" + band);
      s_.segment_declared.push_back(static_cast<int>(d));
      s_.segment_band.push_back(b);
    }
  s_.segments = std::move(names);
  // An effect limited to declared segments holds in each of their loonwaarde bands.
  for (auto& eff : s_.effects) {
    auto& mask = eff.item.segments;
    if (mask.empty()) continue;
    std::vector<std::uint8_t> combined(s_.segments.size(), 0);
    for (std::size_t c = 0; c < combined.size(); ++c) combined[c] = mask[static_cast<std::size_t>(s_.segment_declared[c])];
    mask = std::move(combined);
  }
}

}  // namespace mkba::detail

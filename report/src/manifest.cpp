#include <mkba/report/manifest.hpp>
#include <mkba/report/sha256.hpp>

#include <fmt/format.h>

#include <filesystem>

#ifndef MKBA_VERSION
#define MKBA_VERSION "0.0.0"
#endif
#ifndef MKBA_GIT_COMMIT
#define MKBA_GIT_COMMIT "unknown"
#endif

namespace mkba::report {

std::string json_string(const std::string& s) {
  std::string out = "\"";
  for (unsigned char ch : s) {
    switch (ch) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (ch < 0x20) out += fmt::format("\\u{:04x}", ch);
        else out += static_cast<char>(ch);
    }
  }
  return out + "\"";
}

Stamp make_stamp(const Scenario& s, const ReportOptions& o) {
  Stamp st;
  st.version = o.version.empty() ? MKBA_VERSION : o.version;
  st.git_commit = o.git_commit.empty() ? MKBA_GIT_COMMIT : o.git_commit;
  if (!s.file.empty()) {
    st.scenario_file = std::filesystem::path(s.file).filename().string();
    st.scenario_sha256 = sha256_file(s.file);
    st.inputs.push_back({"scenario", st.scenario_file, st.scenario_sha256});
  }
  // Names relative to the scenario's folder: stable across machines and checkouts.
  auto base = std::filesystem::path(s.file).parent_path();
  if (base.empty()) base = ".";
  auto relative = [&](const std::string& f) {
    const auto rel = std::filesystem::path(f).lexically_normal().lexically_relative(base.lexically_normal());
    return rel.empty() ? std::filesystem::path(f).filename().string() : rel.generic_string();
  };
  for (const auto& f : s.included_files) st.inputs.push_back({"include", relative(f), sha256_file(f)});
  if (!s.screening_file.empty()) st.inputs.push_back({"screening", relative(s.screening_file), sha256_file(s.screening_file)});
  return st;
}

std::string manifest_json(const Stamp& st, const Scenario& s, const analysis::RunResult& r, const ReportOptions& o,
                          const std::vector<OutputFile>& files) {
  std::string j = "{\n";
  j += "  \"program\": \"mkba\",\n";
  j += "  \"version\": " + json_string(st.version) + ",\n";
  j += "  \"git_commit\": " + json_string(st.git_commit) + ",\n";
  j += "  \"inputs\": [\n";
  for (std::size_t i = 0; i < st.inputs.size(); ++i)
    j += "    {\"role\": " + json_string(st.inputs[i].role) + ", \"file\": " + json_string(st.inputs[i].file) +
         ", \"sha256\": " + json_string(st.inputs[i].sha256) + (i + 1 < st.inputs.size() ? "},\n" : "}\n");
  j += "  ],\n";
  j += "  \"scenario_name\": " + json_string(s.name) + ",\n";
  j += "  \"period\": " + json_string(o.period.empty() ? s.period : o.period) + ",\n";
  j += "  \"mode\": " + json_string(r.mode == analysis::Mode::cohort ? "cohort" : "microsim") + ",\n";
  j += fmt::format("  \"seed\": {},\n", r.seed);
  j += fmt::format("  \"simulated_persons\": {},\n", r.simulated_persons);
  j += fmt::format("  \"person_weight\": {:.17g},\n", r.person_weight);
  j += fmt::format("  \"iterations\": {},\n", r.psa.empty() ? 1 : static_cast<int>(r.psa.size()));
  j += "  \"language\": " + json_string(lang_code(o.lang)) + ",\n";
  j += fmt::format("  \"tornado\": {},\n", o.tornado ? "true" : "false");
  j += fmt::format("  \"threads\": {},\n", o.threads);
  j += fmt::format("  \"discount_rate\": {:.17g},\n", s.discount_rate);
  j += fmt::format("  \"disclosure_threshold\": {:.17g},\n", o.threshold);
  // Harmless problems the loader accepted (issue 20): what a reader of the results should know.
  j += "  \"warnings\": [";
  for (std::size_t i = 0; i < s.warnings.size(); ++i) {
    Diagnostic w = s.warnings[i];
    w.file = std::filesystem::path(w.file).filename().string();  // stable across machines, like `inputs`
    j += (i ? ", " : "") + json_string(w.str());
  }
  j += "],\n";
  j += "  \"files\": [\n";
  for (std::size_t i = 0; i < files.size(); ++i)
    j += "    {\"name\": " + json_string(files[i].name) + ", \"sha256\": " + json_string(sha256_hex(files[i].content)) +
         (i + 1 < files.size() ? "},\n" : "}\n");
  j += "  ],\n";
  // The one field allowed to differ between reruns of the same inputs; kept last on its own line.
  j += "  \"run_time\": " + json_string(o.run_time) + "\n}\n";
  return j;
}

}  // namespace mkba::report

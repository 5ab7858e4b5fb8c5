#include <mkba/report/manifest.hpp>
#include <mkba/git_commit.hpp>
#include <mkba/report/semester.hpp>
#include <mkba/models/realisatie.hpp>
#include <mkba/report/sha256.hpp>

#include <nlohmann/json.hpp>

#include <cmath>
#include <stdexcept>

#include <filesystem>

#ifndef MKBA_VERSION
#define MKBA_VERSION "0.0.0"
#endif

namespace mkba::report {

std::string json_string(const std::string& s) { return nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

Stamp make_stamp(const Scenario& s, const ReportOptions& o) {
  Stamp st;
  st.version = o.version.empty() ? MKBA_VERSION : o.version;
  st.git_commit = o.git_commit.empty() ? std::string(git_commit()) : o.git_commit;
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
  if (s.realisatie) st.inputs.push_back({"realisatie", relative(s.realisatie->file), sha256_file(s.realisatie->file)});
  if (o.previous) st.inputs.push_back({"vorige prognose", relative(o.previous->manifest_file), o.previous->manifest_sha256});
  return st;
}

namespace {
// A number for the manifest; never NaN or an infinity (the options and the scenario are checked to
// be finite before a run; this is the last guard, so the file stays valid JSON).
double finite(double x, const char* what) {
  if (!std::isfinite(x)) throw std::logic_error(std::string("manifest.json: ") + what + " is not a finite number");
  return x;
}
}  // namespace

// Built with nlohmann::json (an ordered object, so the keys keep this order), which escapes every
// string and cannot write invalid JSON. Invalid UTF-8 in a name is replaced by U+FFFD.
std::string manifest_json(const Stamp& st, const Scenario& s, const analysis::RunResult& r, const ReportOptions& o,
                          const std::vector<OutputFile>& files, const std::string& prognose_json,
                          const std::string& ncw_basis_json) {
  using json = nlohmann::ordered_json;
  json j;
  j["program"] = "mkba";
  j["version"] = st.version;
  j["git_commit"] = st.git_commit;
  j["inputs"] = json::array();
  for (const auto& in : st.inputs) j["inputs"].push_back({{"role", in.role}, {"file", in.file}, {"sha256", in.sha256}});
  j["scenario_name"] = s.name;
  j["period"] = o.period.empty() ? s.period : o.period;
  j["mode"] = r.mode == analysis::Mode::cohort ? "cohort" : "microsim";
  j["seed"] = r.seed;
  j["simulated_persons"] = r.simulated_persons;
  j["person_weight"] = finite(r.person_weight, "person_weight");
  j["iterations"] = r.psa.empty() ? 1 : static_cast<int>(r.psa.size());
  j["language"] = lang_code(o.lang);
  j["tornado"] = o.tornado.has_value();
  j["threads"] = o.threads;
  j["discount_rate"] = finite(s.discount_rate, "discount_rate");
  j["disclosure_threshold"] = finite(o.threshold, "disclosure_threshold");
  // Harmless problems the loader accepted (issue 20): what a reader of the results should know.
  j["warnings"] = json::array();
  for (Diagnostic w : s.warnings) {
    w.file = std::filesystem::path(w.file).filename().string();  // stable across machines, like `inputs`
    j["warnings"].push_back(w.str());
  }
  // The forecast for the next period (report/semester.hpp), for the next report's comparison.
  if (!prognose_json.empty()) j["prognose"] = json::parse(prognose_json);
  // The NCW and the numbers behind it, for the next report's "why the NCW changed" (report/ncw_change.hpp).
  if (!ncw_basis_json.empty()) j["ncw_basis"] = json::parse(ncw_basis_json);
  j["files"] = json::array();
  for (const auto& f : files) j["files"].push_back({{"name", f.name}, {"sha256", sha256_hex(f.content)}});
  // The one field allowed to differ between reruns of the same inputs; kept last.
  j["run_time"] = o.run_time;
  return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace mkba::report

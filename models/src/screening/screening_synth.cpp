#include <mkba/models/screening_synth.hpp>

#include <mkba/engine/rng.hpp>

#include <boost/math/distributions/normal.hpp>
#include <boost/random/discrete_distribution.hpp>
#include <boost/random/exponential_distribution.hpp>
#include <boost/random/normal_distribution.hpp>
#include <boost/random/uniform_01.hpp>
#include <boost/random/uniform_int_distribution.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace mkba {

namespace {

double quantile(double p) { return boost::math::quantile(boost::math::normal_distribution<double>(), p); }

void require(bool ok, const char* what) {
  if (!ok) throw std::invalid_argument(std::string("synthetic screening: ") + what);
}

bool sums_to_one(const std::vector<double>& v) {
  return std::abs(std::accumulate(v.begin(), v.end(), 0.0) - 1.0) < 1e-9 &&
         std::all_of(v.begin(), v.end(), [](double x) { return x >= 0; });
}

void check(const SynthOptions& o) {
  require(o.persons >= 0 && o.persons <= 10'000'000, "persons must be between 0 and 10,000,000");
  require(!o.gemeenten.empty() && o.gemeenten.size() == o.gemeente_shares.size(),
          "one share per gemeente is needed");
  require(sums_to_one(o.gemeente_shares), "gemeente shares must be >= 0 and sum to 1");
  require(o.ontheffing_share >= 0 && o.ontheffing_share < 1, "ontheffing share must be in [0, 1)");
  require(std::abs(o.ontheffing_loading) < 1, "ontheffing loading must be in (-1, 1)");
  for (std::size_t d = 0; d < o.marginals.size(); ++d) {
    require(sums_to_one(std::vector<double>(o.marginals[d].begin(), o.marginals[d].end())),
            "each domain's marginal must be >= 0 and sum to 1");
    require(o.loadings[d] >= 0 && o.loadings[d] < 1, "loadings must be in [0, 1)");
    require(o.blank_share[d] >= 0 && o.blank_share[d] < 1, "blank shares must be in [0, 1)");
  }
  require(!o.states.empty() && o.states.size() == o.state_shares.size() &&
              o.states.size() == o.mean_months_in_state.size(),
          "one share and one mean duration per state are needed");
  require(sums_to_one(o.state_shares), "state shares must be >= 0 and sum to 1");
  for (double m : o.mean_months_in_state) require(m > 0, "mean months in state must be positive");
  require(o.mean_months_on_benefit_before > 0, "mean months on benefit before must be positive");
  require(o.screened_last_year >= 0 && o.screened_last_year <= 1, "screened_last_year must be in [0, 1]");
  require(o.sd_age >= 0, "sd_age must be >= 0");
}

// A geometric number of whole months with the given mean: floor of an exponential with rate
// ln(1 + 1/mean) has exactly that mean.
template <class Engine>
int months(Engine& eng, double mean, int cap) {
  boost::random::exponential_distribution<double> ex(std::log1p(1.0 / mean));
  return std::min(cap, static_cast<int>(std::floor(ex(eng))));
}

YearMonth minus_months(YearMonth m, int k) {
  const int total = m.year * 12 + (m.month - 1) - k;
  return {total / 12, total % 12 + 1};
}

}  // namespace

std::array<double, 4> synth_thresholds(const std::array<double, 5>& marginal) {
  std::array<double, 4> c{};
  double cum = 0;
  for (std::size_t k = 0; k < 4; ++k) {
    cum += marginal[k];
    // A category with probability 0 at either end gets an infinite threshold.
    c[k] = cum <= 0 ? -INFINITY : cum >= 1 ? INFINITY : quantile(cum);
  }
  return c;
}

ScreeningData synth_screening(const SynthOptions& o) {
  check(o);
  const auto benefit_it = std::find(o.states.begin(), o.states.end(), o.benefit_state);
  require(benefit_it != o.states.end(), "benefit_state must be one of the states");
  const auto benefit = static_cast<std::size_t>(benefit_it - o.states.begin());
  require(o.state_shares[benefit] >= o.ontheffing_share,
          "the benefit state's share must be at least the ontheffing share (exempt people are on benefit)");

  // Non-exempt people get the state mix that, with every exempt person on benefit, gives the
  // declared overall shares.
  std::vector<double> mix = o.state_shares;
  for (std::size_t s = 0; s < mix.size(); ++s)
    mix[s] = (s == benefit ? mix[s] - o.ontheffing_share : mix[s]) / (1 - o.ontheffing_share);

  std::array<std::array<double, 4>, kZrmDomains> cut{};
  for (std::size_t d = 0; d < cut.size(); ++d) cut[d] = synth_thresholds(o.marginals[d]);
  const double exempt_cut = quantile(1 - o.ontheffing_share);
  const double r = o.ontheffing_loading;
  const YearMonth peil = o.peildatum.year_month();
  const long peil_day = o.peildatum.days();

  ScreeningData data;
  data.file = "synthetic";
  data.gemeenten = o.gemeenten;
  data.states = o.states;
  data.records.reserve(static_cast<std::size_t>(o.persons));
  data.ids.reserve(static_cast<std::size_t>(o.persons));
  const auto id_key = static_cast<std::uint32_t>(o.seed ^ (o.seed >> 32));

  boost::random::normal_distribution<double> normal;
  boost::random::uniform_01<double> unif;
  boost::random::discrete_distribution<int> pick_gemeente(o.gemeente_shares.begin(), o.gemeente_shares.end());
  boost::random::discrete_distribution<int> pick_state(mix.begin(), mix.end());

  for (std::int64_t i = 0; i < o.persons; ++i) {
    const auto person = static_cast<std::uint32_t>(i);
    engine::PhiloxEngine eng(o.seed, 0, engine::DrawKind::population, person);
    normal.reset();
    ScreeningRecord rec;

    const double z = normal(eng);
    rec.ontheffing = -r * z + std::sqrt(1 - r * r) * normal(eng) > exempt_cut;
    rec.gemeente = pick_gemeente(eng);
    for (std::size_t d = 0; d < cut.size(); ++d) {
      const double l = o.loadings[d];
      const double y = l * z + std::sqrt(1 - l * l) * normal(eng);
      int score = 1;
      for (double c : cut[d]) score += y > c ? 1 : 0;
      rec.scores[d] = unif(eng) < o.blank_share[d] ? kNotScored : static_cast<std::uint8_t>(score);
    }
    const double age = o.mean_age + (rec.ontheffing ? o.ontheffing_age_shift : 0) + o.sd_age * normal(eng);
    rec.birth_year = o.peildatum.year - std::clamp(static_cast<int>(std::lround(age)), 18, 66);

    const int s = rec.ontheffing ? static_cast<int>(benefit) : pick_state(eng);
    rec.state = s;
    rec.state_since = minus_months(peil, months(eng, o.mean_months_in_state[static_cast<std::size_t>(s)],
                                                o.max_months_in_state));
    rec.benefit_since = static_cast<std::size_t>(s) == benefit
                            ? rec.state_since
                            : minus_months(rec.state_since, 1 + months(eng, o.mean_months_on_benefit_before,
                                                                       o.max_months_in_state));

    // Whoever entered within the year was screened at intake, some day since the benefit began;
    // the others were rescreened within the year with probability screened_last_year.
    const long first = CalendarDate{rec.benefit_since->year, rec.benefit_since->month, 1}.days();
    const long on_benefit = std::max(0L, peil_day - first);
    long ago_lo = 0, ago_hi = on_benefit;
    if (on_benefit > 365) {
      const bool recent = unif(eng) < o.screened_last_year;
      ago_lo = recent ? 1 : 366;
      ago_hi = recent ? 365 : std::min(1095L, on_benefit);
    }
    boost::random::uniform_int_distribution<long> ago(ago_lo, ago_hi);
    rec.screened = CalendarDate::from_days(peil_day - ago(eng));

    data.records.push_back(rec);
    data.ids.push_back(fmt::format("syn-{:08x}", engine::triple32(person ^ id_key)));
  }
  data.rows_read = o.persons;
  return data;
}

ScreeningData synth_screening(std::int64_t persons, std::uint64_t seed) {
  SynthOptions o;
  o.persons = persons;
  o.seed = seed;
  return synth_screening(o);
}

}  // namespace mkba

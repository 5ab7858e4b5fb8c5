// Expressions: functions, powers and the rate <-> probability helpers against closed forms.
#include <mkba/models/expression.hpp>

#include <catch2/catch.hpp>

#include <cmath>

using namespace mkba;

namespace {

double eval(const std::string& text, std::vector<double> params = {2.0, 0.1}) {
  auto lookup = [](const std::string& n) { return n == "a" ? 0 : n == "p" ? 1 : -1; };
  std::string error;
  auto e = Expression::parse(text, lookup, error);
  INFO(text << ": " << error);
  REQUIRE(e);
  return e->evaluate(params);
}

std::string parse_error(const std::string& text) {
  auto lookup = [](const std::string& n) { return n == "a" ? 0 : -1; };
  std::string error;
  auto e = Expression::parse(text, lookup, error);
  REQUIRE(!e);
  return error;
}

}  // namespace

TEST_CASE("arithmetic keeps its precedence, ^ binds tighter than unary minus and is right-associative",
          "[healthecon][expression]") {
  REQUIRE(eval("1 + 2 * 3") == 7);
  REQUIRE(eval("(1 + 2) * 3") == 9);
  REQUIRE(eval("-2^2") == -4);
  REQUIRE(eval("2^3^2") == 512);
  REQUIRE(eval("2^-1") == 0.5);
  REQUIRE(eval("a^2 * 3") == 12);
  REQUIRE(eval("(1 - p) * a") == Approx(1.8).epsilon(1e-15));
}

TEST_CASE("functions: exp, log, sqrt, pow, min and max with any number of arguments", "[healthecon][expression]") {
  REQUIRE(eval("exp(1)") == std::exp(1.0));
  REQUIRE(eval("log(a)") == std::log(2.0));
  REQUIRE(eval("exp(log(a))") == Approx(2.0).epsilon(1e-15));
  REQUIRE(eval("sqrt(a * 8)") == 4);
  REQUIRE(eval("pow(a, 10)") == 1024);
  REQUIRE(eval("min(3, a)") == 2);
  REQUIRE(eval("max(3, a, 7, 1)") == 7);
  REQUIRE(eval("min(3, a, -1, 4)") == -1);
  REQUIRE(eval("-min(1, 2) + max(1, 2)") == 1);
}

TEST_CASE("rate <-> probability helpers as DARTH and heemod define them", "[healthecon][expression]") {
  // rate_to_prob(r, t) = 1 - exp(-r t); prob_to_rate(p, t) = -log(1 - p) / t; prob_to_prob(p, t) = 1 - (1 - p)^t.
  REQUIRE(eval("rate_to_prob(0.2)") == Approx(1 - std::exp(-0.2)).epsilon(1e-15));
  REQUIRE(eval("rate_to_prob(0.2, 1 / 12)") == Approx(1 - std::exp(-0.2 / 12)).epsilon(1e-14));
  REQUIRE(eval("prob_to_rate(p)") == Approx(-std::log(0.9)).epsilon(1e-15));
  REQUIRE(eval("prob_to_rate(p, 5)") == Approx(-std::log(0.9) / 5).epsilon(1e-15));
  REQUIRE(eval("prob_to_prob(p, 1 / 12)") == Approx(1 - std::pow(0.9, 1.0 / 12)).epsilon(1e-14));
  REQUIRE(eval("rate_to_prob(prob_to_rate(p))") == Approx(0.1).epsilon(1e-14));
  // An annual probability to a monthly one and back: twelve months give the year.
  const double monthly = eval("prob_to_prob(p, 1 / 12)");
  REQUIRE(1 - std::pow(1 - monthly, 12) == Approx(0.1).epsilon(1e-13));
  // A hazard ratio on a probability: 1 - (1 - p)^hr, written with the rate helpers.
  REQUIRE(eval("rate_to_prob(prob_to_rate(p) * a)") == Approx(1 - std::pow(0.9, 2.0)).epsilon(1e-14));
}

TEST_CASE("expression errors say what is wrong", "[healthecon][expression]") {
  REQUIRE(parse_error("exq(1)").find("unknown function 'exq'") != std::string::npos);
  REQUIRE(parse_error("exp(1, 2)") == "exp() takes 1 argument, found 2");
  REQUIRE(parse_error("rate_to_prob(1, 2, 3)") == "rate_to_prob() takes 1 or 2 arguments, found 3");
  REQUIRE(parse_error("min(1)") == "min() takes at least 2 arguments, found 1");
  REQUIRE(parse_error("exp(1") == "missing ')' after the arguments of exp()");
  REQUIRE(parse_error("b + 1") == "unknown parameter 'b'");
  REQUIRE(parse_error("2 ^") == "the expression ends too early");
}

#pragma once
// Arithmetic on parameters, so amounts follow their formula in every PSA draw, e.g. the LKS:
//   amount: "(1 - loonwaarde) * wml_incl_vt * (1 + werkgeverslasten)"
// Grammar (docs/scenario-format.md, "Expressions"):
//   expr   = term (('+'|'-') term)*
//   term   = factor (('*'|'/') factor)*
//   factor = '-' factor | power
//   power  = atom ('^' factor)?                      (right-associative; -2^2 = -4)
//   atom   = number | parameter | function '(' expr (',' expr)* ')' | '(' expr ')'
// Functions: exp(x), log(x) (natural), sqrt(x), pow(x, y), min(x, y, ...), max(x, y, ...),
//   rate_to_prob(rate[, t]) = 1 - exp(-rate t), prob_to_rate(p[, t]) = -log(1 - p) / t,
//   prob_to_prob(p, t) = 1 - (1 - p)^t (a probability over one period to one over t periods),
//   table(name, x) = the value of the declared step table `name` at x (e.g. a life table by age).
// Time variables (only where a value may change over time: transition cells and changes):
//   cycle (0, 1, ... n - 1), model_time (cycle + 1, heemod's), years (time since the start at the
//   start of the cycle, or month, in years) and age (population.age + years).
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace mkba {

class Expression {
 public:
  struct Op {
    enum class Kind {
      number, parameter, add, sub, mul, div, neg, pow, exp, log, sqrt, min, max,
      rate_to_prob, prob_to_rate, prob_to_prob, variable, table
    } kind = Kind::number;
    double value = 0;
    int parameter = -1;  // parameter index; variable: a TimeVariable; table: index into tables_
  };

  // A step function: y[i] for x in [x[i], x[i + 1]); below x[0] the first value, from the last x on
  // the last value (an open-ended last age group). x strictly increasing.
  struct StepTable {
    std::vector<double> x, y;
    double at(double v) const;
  };
  enum class TimeVariable { cycle, model_time, years, age };
  struct Time {
    double cycle = 0, model_time = 1, years = 0, age = 0;
  };
  // What a parse may use besides parameters: time variables, tables (by name; nullptr: unknown).
  struct Context {
    bool time = false;
    std::function<const StepTable*(const std::string&)> table;
  };

  // Looks names up with `lookup` (-1: unknown). On failure returns nullopt and sets `error`.
  static std::optional<Expression> parse(const std::string& text, const std::function<int(const std::string&)>& lookup,
                                         std::string& error);
  static std::optional<Expression> parse(const std::string& text, const std::function<int(const std::string&)>& lookup,
                                         std::string& error, const Context& context);
  static Expression constant(double v);
  // This expression times `factor` (e.g. every euro amount in another price level).
  Expression scaled(double factor) const;
  // This expression times another (e.g. a production amount times its displacement share).
  Expression times(const Expression& other) const;

  double evaluate(const std::vector<double>& parameters) const;
  double evaluate(const std::vector<double>& parameters, const Time& time) const;
  std::vector<int> parameters() const;  // the parameters it reads
  bool is_constant() const { return parameters().empty() && !varies(); }
  bool varies() const;                  // reads a time variable
  bool uses(TimeVariable v) const;

 private:
  std::vector<Op> rpn_;
  std::vector<StepTable> tables_;  // copies of the tables it reads (small)
};

}  // namespace mkba

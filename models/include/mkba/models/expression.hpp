#pragma once
// Arithmetic on parameters, so amounts follow their formula in every PSA draw, e.g. the LKS:
//   amount: "(1 - loonwaarde) * wml_incl_vt * (1 + werkgeverslasten)"
// Grammar: expr = term (('+'|'-') term)*; term = factor (('*'|'/') factor)*;
//          factor = number | parameter | '(' expr ')' | '-' factor.
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace mkba {

class Expression {
 public:
  struct Op {
    enum class Kind { number, parameter, add, sub, mul, div, neg } kind = Kind::number;
    double value = 0;
    int parameter = -1;
  };

  // Looks names up with `lookup` (-1: unknown). On failure returns nullopt and sets `error`.
  static std::optional<Expression> parse(const std::string& text, const std::function<int(const std::string&)>& lookup,
                                         std::string& error);
  static Expression constant(double v);
  // This expression times `factor` (e.g. every euro amount in another price level).
  Expression scaled(double factor) const;
  // This expression times another (e.g. a production amount times its displacement share).
  Expression times(const Expression& other) const;

  double evaluate(const std::vector<double>& parameters) const;
  std::vector<int> parameters() const;  // the parameters it reads
  bool is_constant() const { return parameters().empty(); }

 private:
  std::vector<Op> rpn_;
};

}  // namespace mkba

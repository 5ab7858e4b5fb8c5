#include <mkba/models/expression.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>

namespace mkba {
namespace {

class Parser {
 public:
  Parser(const std::string& text, const std::function<int(const std::string&)>& lookup,
         const Expression::Context& context, std::vector<Expression::StepTable>& tables)
      : s_(text), lookup_(lookup), context_(context), tables_(tables) {}

  bool run(std::vector<Expression::Op>& out, std::string& error) {
    out_ = &out;
    if (!expr()) {
      error = error_;
      return false;
    }
    skip();
    if (pos_ != s_.size()) {
      error = fmt::format("unexpected '{}' at position {}", s_.substr(pos_, 1), pos_ + 1);
      return false;
    }
    return true;
  }

 private:
  const std::string& s_;
  const std::function<int(const std::string&)>& lookup_;
  const Expression::Context& context_;
  std::vector<Expression::StepTable>& tables_;
  std::vector<Expression::Op>* out_ = nullptr;
  std::size_t pos_ = 0;
  std::string error_;
  int depth_ = 0;

  void skip() {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
  }
  bool fail(std::string msg) {
    if (error_.empty()) error_ = std::move(msg);
    return false;
  }
  void emit(Expression::Op::Kind k) { out_->push_back({k, 0, -1}); }

  bool expr() {
    if (++depth_ > 64) return fail("expression nested too deeply");
    if (!term()) return false;
    for (;;) {
      skip();
      if (pos_ < s_.size() && (s_[pos_] == '+' || s_[pos_] == '-')) {
        const char op = s_[pos_++];
        if (!term()) return false;
        emit(op == '+' ? Expression::Op::Kind::add : Expression::Op::Kind::sub);
      } else {
        --depth_;
        return true;
      }
    }
  }
  bool term() {
    if (!factor()) return false;
    for (;;) {
      skip();
      if (pos_ < s_.size() && (s_[pos_] == '*' || s_[pos_] == '/')) {
        const char op = s_[pos_++];
        if (!factor()) return false;
        emit(op == '*' ? Expression::Op::Kind::mul : Expression::Op::Kind::div);
      } else {
        return true;
      }
    }
  }
  bool factor() {
    skip();
    if (pos_ < s_.size() && s_[pos_] == '-') {
      ++pos_;
      if (!factor()) return false;
      emit(Expression::Op::Kind::neg);
      return true;
    }
    return power();
  }
  bool power() {
    if (!atom()) return false;
    skip();
    if (pos_ < s_.size() && s_[pos_] == '^') {
      ++pos_;
      if (++depth_ > 64) return fail("expression nested too deeply");
      if (!factor()) return false;  // right-associative: 2^3^2 = 2^(3^2)
      --depth_;
      emit(Expression::Op::Kind::pow);
    }
    return true;
  }
  struct Function {
    const char* name;
    Expression::Op::Kind kind;
    int min_args, max_args;  // max_args -1: any number >= min_args (folded pairwise)
    double default_last;     // the value of an omitted last argument
  };
  static const Function* function(const std::string& name) {
    using K = Expression::Op::Kind;
    static const Function table[] = {
        {"exp", K::exp, 1, 1, 0},          {"log", K::log, 1, 1, 0},
        {"sqrt", K::sqrt, 1, 1, 0},        {"pow", K::pow, 2, 2, 0},
        {"min", K::min, 2, -1, 0},         {"max", K::max, 2, -1, 0},
        {"rate_to_prob", K::rate_to_prob, 1, 2, 1.0}, {"prob_to_rate", K::prob_to_rate, 1, 2, 1.0},
        {"prob_to_prob", K::prob_to_prob, 2, 2, 0},
    };
    for (const auto& f : table)
      if (name == f.name) return &f;
    return nullptr;
  }
  std::string function_names() const {
    return "exp, log, sqrt, pow, min, max, rate_to_prob, prob_to_rate, prob_to_prob, table, by_age";
  }
  bool call(const Function& f) {
    ++pos_;  // '('
    int args = 0;
    for (;;) {
      if (!expr()) return false;
      ++args;
      if (f.max_args < 0 && args >= 2) emit(f.kind);  // min(a, b, c) = min(min(a, b), c)
      skip();
      if (pos_ < s_.size() && s_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ >= s_.size() || s_[pos_] != ')') return fail(fmt::format("missing ')' after the arguments of {}()", f.name));
      ++pos_;
      break;
    }
    if (args < f.min_args || (f.max_args >= 0 && args > f.max_args)) {
      const std::string expected = f.max_args < 0           ? fmt::format("at least {}", f.min_args)
                                   : f.min_args == f.max_args ? fmt::format("{}", f.min_args)
                                                              : fmt::format("{} or {}", f.min_args, f.max_args);
      return fail(fmt::format("{}() takes {} argument{}, found {}", f.name, expected,
                              f.max_args == 1 ? "" : "s", args));
    }
    if (f.max_args == 2 && f.min_args == 1 && args == 1) out_->push_back({Expression::Op::Kind::number, f.default_last, -1});
    if (f.max_args >= 0) emit(f.kind);
    return true;
  }
  // table(name, x): the step table `name` at x.
  bool table_call() {
    ++pos_;  // '('
    skip();
    const std::size_t start = pos_;
    while (pos_ < s_.size() && (std::islower(static_cast<unsigned char>(s_[pos_])) ||
                                std::isdigit(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '_'))
      ++pos_;
    const std::string name = s_.substr(start, pos_ - start);
    const Expression::StepTable* t = context_.table && !name.empty() ? context_.table(name) : nullptr;
    if (!t) return fail(name.empty() ? "table() takes a table name first, as in table(sterfte, age)"
                                     : fmt::format("unknown table '{}' (declare it under 'tables')", name));
    skip();
    if (pos_ >= s_.size() || s_[pos_] != ',') return fail("table() takes 2 arguments: a table name and a value");
    ++pos_;
    if (!expr()) return false;
    skip();
    if (pos_ >= s_.size() || s_[pos_] != ')') return fail("missing ')' after the arguments of table()");
    ++pos_;
    tables_.push_back(*t);
    out_->push_back({Expression::Op::Kind::table, 0, static_cast<int>(tables_.size() - 1)});
    return true;
  }
  // by_age(18: 1.2, 27: 1.0, 45: 0.8): a step function of the time variable `age` written in line:
  // the value after the first age not above the person's age (the first value below the first
  // age). The same as table(name, age) with a `tables` entry {from: [18, 27, 45], value: [...]}.
  bool by_age_call() {
    ++pos_;  // '('
    if (!context_.time)
      return fail("by_age() reads the time variable 'age': it may be used in transition cells and changes only");
    Expression::StepTable t;
    for (;;) {
      skip();
      const char* begin = s_.c_str() + pos_;
      char* end = nullptr;
      const double age = std::strtod(begin, &end);
      if (end == begin || !std::isfinite(age)) return fail("by_age() takes pairs 'age: value', as in by_age(18: 1.2, 45: 0.8)");
      pos_ += static_cast<std::size_t>(end - begin);
      if (!t.x.empty() && !(age > t.x.back()))
        return fail(fmt::format("by_age(): expected increasing ages, found {:g} after {:g}", age, t.x.back()));
      skip();
      if (pos_ >= s_.size() || s_[pos_] != ':') return fail("by_age() takes pairs 'age: value', as in by_age(18: 1.2, 45: 0.8)");
      ++pos_;
      skip();
      begin = s_.c_str() + pos_;
      const double value = std::strtod(begin, &end);
      if (end == begin || !std::isfinite(value)) return fail(fmt::format("by_age(): expected a number after '{:g}:'", age));
      pos_ += static_cast<std::size_t>(end - begin);
      t.x.push_back(age);
      t.y.push_back(value);
      skip();
      if (pos_ < s_.size() && s_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ >= s_.size() || s_[pos_] != ')') return fail("missing ')' after the pairs of by_age()");
      ++pos_;
      break;
    }
    tables_.push_back(std::move(t));
    out_->push_back({Expression::Op::Kind::variable, 0, static_cast<int>(Expression::TimeVariable::age)});
    out_->push_back({Expression::Op::Kind::table, 0, static_cast<int>(tables_.size() - 1)});
    return true;
  }
  bool atom() {
    skip();
    if (pos_ >= s_.size()) return fail("the expression ends too early");
    const char c = s_[pos_];
    if (c == '(') {
      ++pos_;
      if (!expr()) return false;
      skip();
      if (pos_ >= s_.size() || s_[pos_] != ')') return fail("missing ')'");
      ++pos_;
      return true;
    }
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') {
      const char* begin = s_.c_str() + pos_;
      char* end = nullptr;
      const double v = std::strtod(begin, &end);
      if (end == begin) return fail(fmt::format("expected a number at position {}", pos_ + 1));
      if (!std::isfinite(v))
        return fail(fmt::format("expected a finite number at position {}, found '{}'", pos_ + 1,
                                std::string(begin, static_cast<std::size_t>(end - begin))));
      pos_ += static_cast<std::size_t>(end - begin);
      out_->push_back({Expression::Op::Kind::number, v, -1});
      return true;
    }
    if (std::islower(static_cast<unsigned char>(c))) {
      const std::size_t start = pos_;
      while (pos_ < s_.size() && (std::islower(static_cast<unsigned char>(s_[pos_])) ||
                                  std::isdigit(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '_'))
        ++pos_;
      const std::string name = s_.substr(start, pos_ - start);
      skip();
      if (pos_ < s_.size() && s_[pos_] == '(' && name == "table") return table_call();
      if (pos_ < s_.size() && s_[pos_] == '(' && name == "by_age") return by_age_call();
      if (pos_ < s_.size() && s_[pos_] == '(') {
        const Function* f = function(name);
        if (!f) return fail(fmt::format("unknown function '{}' (known: {})", name, function_names()));
        return call(*f);
      }
      static const std::pair<const char*, Expression::TimeVariable> variables[] = {
          {"cycle", Expression::TimeVariable::cycle}, {"model_time", Expression::TimeVariable::model_time},
          {"years", Expression::TimeVariable::years}, {"age", Expression::TimeVariable::age}};
      for (const auto& [vname, var] : variables)
        if (name == vname) {
          if (!context_.time)
            return fail(fmt::format("'{}' is a time variable: it may be used in transition cells and changes only",
                                    name));
          out_->push_back({Expression::Op::Kind::variable, 0, static_cast<int>(var)});
          return true;
        }
      const int idx = lookup_(name);
      if (idx < 0) return fail(fmt::format("unknown parameter '{}'", name));
      out_->push_back({Expression::Op::Kind::parameter, 0, idx});
      return true;
    }
    return fail(fmt::format("unexpected '{}' at position {}", std::string(1, c), pos_ + 1));
  }
};

}  // namespace

std::optional<Expression> Expression::parse(const std::string& text, const std::function<int(const std::string&)>& lookup,
                                            std::string& error) {
  return parse(text, lookup, error, Context{});
}

std::optional<Expression> Expression::parse(const std::string& text, const std::function<int(const std::string&)>& lookup,
                                            std::string& error, const Context& context) {
  Expression e;
  Parser p(text, lookup, context, e.tables_);
  if (!p.run(e.rpn_, error)) return std::nullopt;
  return e;
}

double Expression::StepTable::at(double v) const {
  if (x.empty()) return 0;
  const auto it = std::upper_bound(x.begin(), x.end(), v);  // the first x > v
  const std::size_t i = it == x.begin() ? 0 : static_cast<std::size_t>(it - x.begin()) - 1;
  return y[i];
}

bool Expression::varies() const {
  return std::any_of(rpn_.begin(), rpn_.end(), [](const Op& op) { return op.kind == Op::Kind::variable; });
}

bool Expression::uses(TimeVariable v) const {
  return std::any_of(rpn_.begin(), rpn_.end(), [v](const Op& op) {
    return op.kind == Op::Kind::variable && op.parameter == static_cast<int>(v);
  });
}

Expression Expression::constant(double v) {
  Expression e;
  e.rpn_.push_back({Op::Kind::number, v, -1});
  return e;
}

Expression Expression::scaled(double factor) const {
  Expression e = *this;
  e.rpn_.push_back({Op::Kind::number, factor, -1});
  e.rpn_.push_back({Op::Kind::mul, 0, -1});
  return e;
}

Expression Expression::times(const Expression& other) const {
  Expression e = *this;
  e.rpn_.insert(e.rpn_.end(), other.rpn_.begin(), other.rpn_.end());
  e.rpn_.push_back({Op::Kind::mul, 0, -1});
  return e;
}

double Expression::evaluate(const std::vector<double>& params) const { return evaluate(params, Time{}); }

double Expression::evaluate(const std::vector<double>& params, const Time& time) const {
  std::vector<double> stack(rpn_.size() + 1);
  std::size_t top = 0;
  for (const auto& op : rpn_) {
    double& x = stack[top == 0 ? 0 : top - 1];  // the top of the stack (unary operators)
    switch (op.kind) {
      case Op::Kind::number: stack[top++] = op.value; break;
      case Op::Kind::parameter: stack[top++] = params[static_cast<std::size_t>(op.parameter)]; break;
      case Op::Kind::neg: x = -x; break;
      case Op::Kind::exp: x = std::exp(x); break;
      case Op::Kind::log: x = std::log(x); break;
      case Op::Kind::sqrt: x = std::sqrt(x); break;
      case Op::Kind::table: x = tables_[static_cast<std::size_t>(op.parameter)].at(x); break;
      case Op::Kind::variable: {
        const auto v = static_cast<TimeVariable>(op.parameter);
        stack[top++] = v == TimeVariable::cycle        ? time.cycle
                       : v == TimeVariable::model_time ? time.model_time
                       : v == TimeVariable::years      ? time.years
                                                       : time.age;
        break;
      }
      default: {
        const double b = stack[--top], a = stack[top - 1];
        double r = 0;
        switch (op.kind) {
          case Op::Kind::add: r = a + b; break;
          case Op::Kind::sub: r = a - b; break;
          case Op::Kind::mul: r = a * b; break;
          case Op::Kind::div: r = a / b; break;
          case Op::Kind::pow: r = std::pow(a, b); break;
          case Op::Kind::min: r = std::min(a, b); break;
          case Op::Kind::max: r = std::max(a, b); break;
          case Op::Kind::rate_to_prob: r = -std::expm1(-a * b); break;      // 1 - exp(-rate t)
          case Op::Kind::prob_to_rate: r = -std::log1p(-a) / b; break;      // -log(1 - p) / t
          case Op::Kind::prob_to_prob: r = -std::expm1(b * std::log1p(-a)); break;  // 1 - (1 - p)^t
          default: break;
        }
        stack[top - 1] = r;
      }
    }
  }
  return top == 1 ? stack[0] : 0;
}

std::vector<int> Expression::parameters() const {
  std::vector<int> out;
  for (const auto& op : rpn_)
    if (op.kind == Op::Kind::parameter) out.push_back(op.parameter);
  return out;
}

}  // namespace mkba

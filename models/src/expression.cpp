#include <mkba/models/expression.hpp>

#include <fmt/format.h>

#include <cctype>
#include <cstdlib>

namespace mkba {
namespace {

class Parser {
 public:
  Parser(const std::string& text, const std::function<int(const std::string&)>& lookup)
      : s_(text), lookup_(lookup) {}

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
    if (c == '-') {
      ++pos_;
      if (!factor()) return false;
      emit(Expression::Op::Kind::neg);
      return true;
    }
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') {
      const char* begin = s_.c_str() + pos_;
      char* end = nullptr;
      const double v = std::strtod(begin, &end);
      if (end == begin) return fail(fmt::format("expected a number at position {}", pos_ + 1));
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
  Expression e;
  Parser p(text, lookup);
  if (!p.run(e.rpn_, error)) return std::nullopt;
  return e;
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

double Expression::evaluate(const std::vector<double>& params) const {
  std::vector<double> stack(rpn_.size() + 1);
  std::size_t top = 0;
  for (const auto& op : rpn_) {
    switch (op.kind) {
      case Op::Kind::number: stack[top++] = op.value; break;
      case Op::Kind::parameter: stack[top++] = params[static_cast<std::size_t>(op.parameter)]; break;
      case Op::Kind::neg: stack[top - 1] = -stack[top - 1]; break;
      default: {
        const double b = stack[--top], a = stack[top - 1];
        stack[top - 1] = op.kind == Op::Kind::add ? a + b : op.kind == Op::Kind::sub ? a - b
                         : op.kind == Op::Kind::mul ? a * b : a / b;
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

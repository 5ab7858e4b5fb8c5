// Parts of the distribution layer that do not depend on MPI.
#include <mkba/analysis/distribute.hpp>
#include <mkba/models/errors.hpp>

namespace mkba::analysis::distribute {

int exit_code_of(const std::exception_ptr& e) {
  if (!e) return 0;
  try {
    std::rethrow_exception(e);
  } catch (const mkba::Error&) {
    return 2;
  } catch (...) {
    return 1;
  }
}

std::string message_of(const std::exception_ptr& e) {
  try {
    std::rethrow_exception(e);
  } catch (const std::exception& x) {
    return x.what();
  } catch (...) {
    return "unknown exception";
  }
}

}  // namespace mkba::analysis::distribute

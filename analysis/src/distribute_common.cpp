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

}  // namespace mkba::analysis::distribute

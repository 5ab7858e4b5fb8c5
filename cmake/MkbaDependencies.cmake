# Every dependency comes from a Debian package. When one is missing, say which package to install
# instead of CMake's generic "could not find" text.
function(mkba_require pkg debian)
  find_package(${pkg} ${ARGN} QUIET)
  if(NOT ${pkg}_FOUND)
    message(FATAL_ERROR
      "mkba needs ${pkg}, which was not found.\n"
      "Install the Debian package: apt-get install ${debian}\n"
      "(or run: bash scripts/setup.sh, which installs everything mkba needs)")
  endif()
endfunction()

mkba_require(Eigen3 libeigen3-dev 3.4 NO_MODULE)
mkba_require(Boost libboost-dev 1.74)
mkba_require(yaml-cpp libyaml-cpp-dev)
mkba_require(CLI11 libcli11-dev)
mkba_require(fmt libfmt-dev)
mkba_require(nlohmann_json nlohmann-json3-dev 3.10)  # manifest.json: valid JSON by construction
find_package(Threads REQUIRED)

find_path(MKBA_RANDOM123_INCLUDE Random123/philox.h)
if(NOT MKBA_RANDOM123_INCLUDE)
  message(FATAL_ERROR
    "mkba needs Random123 (counter-based random numbers), which was not found.\n"
    "Install the Debian package: apt-get install librandom123-dev\n"
    "(or run: bash scripts/setup.sh)")
endif()

# libxlsxwriter ships no CMake config in Debian 12; find the header and library directly and wrap
# them in an imported target (linked privately by mkba_report only).
find_path(MKBA_XLSXWRITER_INCLUDE xlsxwriter.h)
find_library(MKBA_XLSXWRITER_LIBRARY xlsxwriter)
if(NOT MKBA_XLSXWRITER_INCLUDE OR NOT MKBA_XLSXWRITER_LIBRARY)
  message(FATAL_ERROR
    "mkba needs libxlsxwriter (the Excel appendix workbook), which was not found.\n"
    "Install the Debian package: apt-get install libxlsxwriter-dev\n"
    "(or run: bash scripts/setup.sh)")
endif()
add_library(mkba::xlsxwriter UNKNOWN IMPORTED)
set_target_properties(mkba::xlsxwriter PROPERTIES
  IMPORTED_LOCATION "${MKBA_XLSXWRITER_LIBRARY}"
  INTERFACE_INCLUDE_DIRECTORIES "${MKBA_XLSXWRITER_INCLUDE}")

# yaml-cpp 0.7.0 (Debian 12) exports `yaml-cpp`; 0.8 and later export `yaml-cpp::yaml-cpp`.
if(TARGET yaml-cpp::yaml-cpp)
  set(MKBA_YAML_TARGET yaml-cpp::yaml-cpp)
else()
  set(MKBA_YAML_TARGET yaml-cpp)
endif()

if(MKBA_BUILD_TESTS)
  mkba_require(Catch2 catch2 2)
  list(APPEND CMAKE_MODULE_PATH "${Catch2_DIR}")  # Catch.cmake (catch_discover_tests)
endif()

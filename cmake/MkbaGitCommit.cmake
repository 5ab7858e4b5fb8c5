# The commit the binaries are built from, for `mkba --version` and every manifest.json: written at
# build time (not at configure time, which a rebuild after a commit or an edit would not repeat) into
# a source of its own, which changes (and is compiled again) only when the commit does. "-dirty"
# when tracked files differ from the commit; "unknown" without git or outside a work tree.
#
# Included by the top-level CMakeLists.txt: defines the library mkba_git_commit
# (mkba/git_commit.hpp). Run as a script (-P) by its build step, with GIT, SOURCE_DIR and OUT.
if(CMAKE_SCRIPT_MODE_FILE)
  set(commit "unknown")
  if(GIT)
    execute_process(COMMAND "${GIT}" rev-parse --short=12 HEAD WORKING_DIRECTORY "${SOURCE_DIR}"
                    OUTPUT_VARIABLE head OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE failed ERROR_QUIET)
    if(NOT failed AND head)
      set(commit "${head}")
      execute_process(COMMAND "${GIT}" status --porcelain --untracked-files=no WORKING_DIRECTORY "${SOURCE_DIR}"
                      OUTPUT_VARIABLE changes RESULT_VARIABLE failed ERROR_QUIET)
      if(NOT failed AND changes)
        string(APPEND commit "-dirty")
      endif()
    endif()
  endif()
  file(WRITE "${OUT}.new"
       "// Written by cmake/MkbaGitCommit.cmake at build time; do not edit.\n"
       "#include <mkba/git_commit.hpp>\n\n"
       "std::string_view mkba::git_commit() { return \"${commit}\"; }\n")
  file(COPY_FILE "${OUT}.new" "${OUT}" ONLY_IF_DIFFERENT)
  file(REMOVE "${OUT}.new")
  return()
endif()

find_package(Git QUIET)
set(_mkba_commit_source "${CMAKE_BINARY_DIR}/generated/git_commit.cpp")
add_custom_target(mkba_git_commit_source
  COMMAND "${CMAKE_COMMAND}" "-DGIT=${GIT_EXECUTABLE}" "-DSOURCE_DIR=${CMAKE_SOURCE_DIR}" "-DOUT=${_mkba_commit_source}"
          -P "${CMAKE_CURRENT_LIST_FILE}"
  BYPRODUCTS "${_mkba_commit_source}"
  COMMENT "Stamping the git commit"
  VERBATIM)
add_library(mkba_git_commit STATIC "${_mkba_commit_source}")
add_dependencies(mkba_git_commit mkba_git_commit_source)
target_include_directories(mkba_git_commit PUBLIC "${CMAKE_SOURCE_DIR}/cmake/include")

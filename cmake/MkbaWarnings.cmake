set(MKBA_WARNINGS -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion)
# GCC 12 reports false -Wrestrict positives inside libstdc++'s string concatenation at -O2/-O3
# (GCC bug 105329); they are not in our code.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  list(APPEND MKBA_WARNINGS -Wno-restrict)
endif()
if(MKBA_WARNINGS_AS_ERRORS)
  list(APPEND MKBA_WARNINGS -Werror)
endif()

function(mkba_set_warnings target)
  target_compile_options(${target} PRIVATE ${MKBA_WARNINGS})
endfunction()

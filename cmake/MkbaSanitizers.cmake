# Hardening builds (docs/hardening.md). Both apply to every target configured after this point.
#
# MKBA_SANITIZE: AddressSanitizer + UndefinedBehaviorSanitizer; any UB report aborts the test
# (-fno-sanitize-recover), so ctest sees it as a failure. Use a separate build dir (build-asan).
if(MKBA_SANITIZE)
  # -g1 (line tables) is what the sanitizers' reports need (function, file:line); full debug
  # information would double the build time of CI's sanitizer step.
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -g1)
  # -no-pie: the sanitizers' per-site data make the instrumented executables' .data up to 60 MB,
  # with 0.4-2 million relative relocations that the dynamic loader applied (touching every page)
  # at each start of a position-independent executable: about a third of the CPU of each of the
  # ~600 test-case and mkba processes of CI's sanitizer stage (docs/hardening.md). A fixed-address
  # executable needs none of them; ASan supports it on x86-64 Linux.
  add_link_options(-fsanitize=address,undefined -fno-sanitize-recover=all -no-pie)
  # GCC's -Wmaybe-uninitialized gives false positives under sanitizer instrumentation (GCC's manual
  # says so; here inside libstdc++'s <regex>), so it is off in this build only.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    list(APPEND MKBA_WARNINGS -Wno-maybe-uninitialized)
  endif()
  message(STATUS "mkba: AddressSanitizer + UndefinedBehaviorSanitizer enabled")
endif()

# MKBA_FUZZ: libFuzzer targets (tests/fuzz). The libraries are instrumented for coverage
# (-fsanitize=fuzzer-no-link) and for memory errors; only the fuzz executables link libFuzzer's
# main (-fsanitize=fuzzer). Needs clang: CC=clang CXX=clang++ cmake -S . -B build-fuzz -DMKBA_FUZZ=ON
if(MKBA_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "MKBA_FUZZ needs clang (libFuzzer): configure with CXX=clang++ "
                        "(Debian packages clang and libclang-rt-14-dev, installed by scripts/setup.sh)")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined
                      -fno-omit-frame-pointer -g1)
  add_link_options(-fsanitize=address,undefined)
  message(STATUS "mkba: libFuzzer targets enabled (tests/fuzz)")
endif()

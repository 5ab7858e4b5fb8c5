# MPI (optional): `mkba run` under mpirun/srun spreads PSA iterations over ranks (docs/cluster.md).
# MKBA_WITH_MPI defaults to ON when an MPI implementation is found (Debian: libopenmpi-dev and
# openmpi-bin, installed by scripts/setup.sh). Only the C API is used, from C++: the project enables
# no C compiler, so the CXX component is asked for with the removed MPI-2 C++ bindings switched off
# (MPI_CXX_SKIP_MPICXX), which gives mpi.h and libmpi exactly as the C component would.
set(MPI_CXX_SKIP_MPICXX ON CACHE BOOL "Do not use the removed MPI-2 C++ bindings" FORCE)
find_package(MPI COMPONENTS CXX QUIET)
option(MKBA_WITH_MPI "Build with MPI: PSA iterations over ranks (mpirun -np N mkba run)" ${MPI_CXX_FOUND})
if(MKBA_WITH_MPI AND NOT MPI_CXX_FOUND)
  message(FATAL_ERROR
    "MKBA_WITH_MPI is ON but no MPI was found.\n"
    "Install the Debian packages: apt-get install libopenmpi-dev openmpi-bin\n"
    "(or run: bash scripts/setup.sh), or configure with -DMKBA_WITH_MPI=OFF")
endif()
if(MKBA_WITH_MPI)
  # mkba::mpi: MPI's C library and headers. The wrapper compiler also lists the C++ bindings'
  # library (libmpi_cxx), which mkba does not use, so it is left out. Include directories are
  # SYSTEM, so warnings-as-errors does not reach mpi.h.
  set(MKBA_MPI_LIBRARIES "")
  foreach(lib IN LISTS MPI_CXX_LIBRARIES)
    if(NOT lib MATCHES "mpi_cxx|mpicxx")
      list(APPEND MKBA_MPI_LIBRARIES "${lib}")
    endif()
  endforeach()
  add_library(mkba::mpi INTERFACE IMPORTED)
  set_target_properties(mkba::mpi PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${MPI_CXX_INCLUDE_DIRS}"
    INTERFACE_SYSTEM_INCLUDE_DIRECTORIES "${MPI_CXX_INCLUDE_DIRS}"
    INTERFACE_COMPILE_DEFINITIONS "OMPI_SKIP_MPICXX;MPICH_SKIP_MPICXX"
    INTERFACE_COMPILE_OPTIONS "${MPI_CXX_COMPILE_OPTIONS}"
    INTERFACE_LINK_LIBRARIES "${MKBA_MPI_LIBRARIES}")
  message(STATUS "mkba: MPI enabled (MPI ${MPI_CXX_VERSION}: ${MKBA_MPI_LIBRARIES})")
else()
  message(STATUS "mkba: MPI disabled")
endif()

# Precompiled Qt headers. Parsing Qt's headers took most of the build: 5-10 s a file, against
# well under a second to compile the file's own code. Each library gets its own header; the many
# test executables share one precompiled header per kind (core or widgets) through REUSE_FROM,
# so it is built twice in all, not once per test.
option(NIGHTWATT_PCH "Precompile the Qt headers (faster builds)" ON)

set(NIGHTWATT_PCH_DIR "${CMAKE_CURRENT_LIST_DIR}/pch")

# KIND is core, widgets, coretest or widgetstest (cmake/pch/KIND.h).
function(nightwatt_precompile target kind)
  if(NIGHTWATT_PCH)
    target_precompile_headers(${target} PRIVATE "${NIGHTWATT_PCH_DIR}/${kind}.h")
  endif()
endfunction()

# Makes TARGET use the precompiled header of HOLDER, built once for all targets of its kind. The
# holder has the same compile options, so gcc and clang accept its precompiled header.
function(nightwatt_reuse_precompiled target holder)
  if(NIGHTWATT_PCH)
    target_precompile_headers(${target} REUSE_FROM ${holder})
  endif()
endfunction()

# stillwater_add_shaders(TARGET SOURCES...)
#
# Compiles each GLSL source to SPIR-V with glslc at build time and emits it as a
# comma-separated list of 32-bit words (`NAME.spv.inc`), which C++ code embeds
# with #include inside an array initialiser. The executable then carries its own
# shaders and needs no install path to find them.
function(stillwater_add_shaders target)
  set(output_dir "${CMAKE_CURRENT_BINARY_DIR}/shaders")
  file(MAKE_DIRECTORY "${output_dir}")

  set(outputs "")
  foreach(source IN LISTS ARGN)
    get_filename_component(name "${source}" NAME)
    set(source_path "${CMAKE_CURRENT_SOURCE_DIR}/${source}")
    set(output "${output_dir}/${name}.spv.inc")
    set(depfile "${output_dir}/${name}.d")
    add_custom_command(
      OUTPUT "${output}"
      COMMAND "${GLSLC_EXECUTABLE}" --target-env=vulkan1.1 -O -Werror -mfmt=num
              -MD -MF "${depfile}" -o "${output}" "${source_path}"
      DEPENDS "${source_path}"
      DEPFILE "${depfile}"
      COMMENT "Compiling shader ${name}"
      VERBATIM)
    list(APPEND outputs "${output}")
  endforeach()

  add_custom_target(${target}_shaders DEPENDS ${outputs})
  add_dependencies(${target} ${target}_shaders)
  target_include_directories(${target} PRIVATE "${output_dir}")
endfunction()

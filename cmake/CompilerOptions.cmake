# Warning and sanitizer flags shared by every target of the project, as one
# interface library that engine and test targets link.
add_library(stillwater_options INTERFACE)

target_compile_options(stillwater_options INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
  -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual
  # OpenXR structs are written `XrFoo info{XR_TYPE_FOO};`, the API's own
  # idiom: the remaining members are value-initialised on purpose.
  -Wno-missing-field-initializers)

if(STILLWATER_WERROR)
  target_compile_options(stillwater_options INTERFACE -Werror)
endif()

if(STILLWATER_SANITIZE)
  target_compile_options(stillwater_options INTERFACE
    -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(stillwater_options INTERFACE -fsanitize=address,undefined)
endif()

# GLM follows Vulkan's clip space: depth from 0 to 1.
target_compile_definitions(stillwater_options INTERFACE
  GLM_FORCE_DEPTH_ZERO_TO_ONE GLM_FORCE_RADIANS GLM_ENABLE_EXPERIMENTAL)

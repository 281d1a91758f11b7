#include "core/sanitizer_support.hpp"

#ifdef STILLWATER_SANITIZE
#include <dlfcn.h>

#include <initializer_list>
#endif

namespace stillwater::core {

void keep_vulkan_libraries_loaded() {
#ifdef STILLWATER_SANITIZE
  // RTLD_NODELETE keeps each library mapped after the loader's dlclose. A
  // library that is not installed is simply skipped.
  for (const char* library : {"libvulkan_lvp.so", "libVkLayer_khronos_validation.so"}) {
    dlopen(library, RTLD_NOW | RTLD_NODELETE);
  }
#endif
}

}  // namespace stillwater::core

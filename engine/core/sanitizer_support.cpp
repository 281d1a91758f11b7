#include "core/sanitizer_support.hpp"

#ifdef STILLWATER_SANITIZE
#include <dlfcn.h>

#include <cstdlib>
#include <fstream>
#include <initializer_list>
#include <iterator>
#include <regex>
#include <string>
#endif

namespace stillwater::core {

void keep_vulkan_libraries_loaded() {
#ifdef STILLWATER_SANITIZE
  // RTLD_NODELETE keeps each library mapped after the loader's dlclose. A
  // library that is not installed is simply skipped.
  for (const char* library : {"libvulkan_lvp.so", "libVkLayer_khronos_validation.so"}) {
    dlopen(library, RTLD_NOW | RTLD_NODELETE);
  }

  // The OpenXR runtime named by XR_RUNTIME_JSON is unloaded the same way.
  if (const char* manifest = std::getenv("XR_RUNTIME_JSON"); manifest != nullptr) {
    std::ifstream file(manifest);
    const std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    std::smatch match;
    if (std::regex_search(text, match, std::regex(R"re("library_path"\s*:\s*"([^"]+)")re"))) {
      dlopen(match[1].str().c_str(), RTLD_NOW | RTLD_NODELETE);
    }
  }
#endif
}

}  // namespace stillwater::core

#pragma once

namespace stillwater::core {

// In AddressSanitizer builds, pins the Vulkan driver and layer libraries in
// memory. The Vulkan loader unloads them at exit before LeakSanitizer runs,
// which leaves their allocations without a module name that a suppression
// could match. Does nothing in other builds.
void keep_vulkan_libraries_loaded();

}  // namespace stillwater::core

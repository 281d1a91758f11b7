#pragma once

#include <vulkan/vulkan.h>

#include <atomic>
#include <cstdint>

namespace stillwater::render {

// Counts the warnings and errors that the Vulkan validation layers and the
// loader report through VK_EXT_debug_utils. The debug messenger callback
// writes here from whichever thread made the offending call.
struct ValidationReport {
  std::atomic<std::uint32_t> warnings{0};
  std::atomic<std::uint32_t> errors{0};

  [[nodiscard]] std::uint32_t total() const { return warnings.load() + errors.load(); }
};

// Describes a messenger that logs every message at warning level and above
// through spdlog (lower levels at debug) and counts them in `report`. Chained
// into VkInstanceCreateInfo::pNext, it also covers vkCreateInstance and
// vkDestroyInstance.
VkDebugUtilsMessengerCreateInfoEXT debug_messenger_info(ValidationReport& report);

}  // namespace stillwater::render

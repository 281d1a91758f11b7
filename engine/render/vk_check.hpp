#pragma once

#include "core/api_error.hpp"

#include <vulkan/vulkan.h>

#include <source_location>
#include <string>
#include <string_view>

namespace stillwater::render {

// The symbolic name of a VkResult, such as "VK_ERROR_DEVICE_LOST"; results this
// header version does not know read as "VkResult(<number>)".
std::string vk_result_name(VkResult result);

// Throws core::ApiError unless `result` is VK_SUCCESS. `call` names the
// Vulkan function and what it was working on, for example
// "vkAllocateMemory (readback buffer, 3.5 MiB)".
void vk_check(VkResult result, std::string_view call,
              const std::source_location& location = std::source_location::current());

}  // namespace stillwater::render

#include "render/validation.hpp"

#include <spdlog/spdlog.h>

namespace stillwater::render {

namespace {

VKAPI_ATTR VkBool32 VKAPI_CALL on_debug_message(
    VkDebugUtilsMessageSeverityFlagBitsEXT severity, VkDebugUtilsMessageTypeFlagsEXT /*types*/,
    const VkDebugUtilsMessengerCallbackDataEXT* data, void* user_data) {
  auto* report = static_cast<ValidationReport*>(user_data);
  const char* id = (data != nullptr && data->pMessageIdName != nullptr) ? data->pMessageIdName : "-";
  const char* message = (data != nullptr && data->pMessage != nullptr) ? data->pMessage : "";

  if ((severity & VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT) != 0) {
    report->errors.fetch_add(1);
    spdlog::error("Vulkan validation [{}]: {}", id, message);
  } else if ((severity & VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT) != 0) {
    report->warnings.fetch_add(1);
    spdlog::warn("Vulkan validation [{}]: {}", id, message);
  } else {
    spdlog::debug("Vulkan [{}]: {}", id, message);
  }

  // VK_FALSE lets the call that triggered the message go on, as the spec asks.
  return VK_FALSE;
}

}  // namespace

VkDebugUtilsMessengerCreateInfoEXT debug_messenger_info(ValidationReport& report) {
  VkDebugUtilsMessengerCreateInfoEXT info{};
  info.sType = VK_STRUCTURE_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT;
  info.messageSeverity = VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT |
                         VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT;
  info.messageType = VK_DEBUG_UTILS_MESSAGE_TYPE_GENERAL_BIT_EXT |
                     VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT |
                     VK_DEBUG_UTILS_MESSAGE_TYPE_PERFORMANCE_BIT_EXT;
  info.pfnUserCallback = on_debug_message;
  info.pUserData = &report;
  return info;
}

}  // namespace stillwater::render

#include "xr/xr_instance.hpp"

#include "render/vk_check.hpp"
#include "xr/xr_check.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstring>

namespace stillwater::xr {

namespace {

constexpr const char* kVulkanEnable2 = XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME;
constexpr const char* kDepthLayer = XR_KHR_COMPOSITION_LAYER_DEPTH_EXTENSION_NAME;

std::vector<XrExtensionProperties> offered_extensions() {
  std::uint32_t count = 0;
  xr_check(xrEnumerateInstanceExtensionProperties(nullptr, 0, &count, nullptr),
           "xrEnumerateInstanceExtensionProperties");
  std::vector<XrExtensionProperties> extensions(count, {XR_TYPE_EXTENSION_PROPERTIES, nullptr, {}, 0});
  xr_check(xrEnumerateInstanceExtensionProperties(nullptr, count, &count, extensions.data()),
           "xrEnumerateInstanceExtensionProperties");
  return extensions;
}

bool offered(const std::vector<XrExtensionProperties>& extensions, const char* name) {
  return std::any_of(extensions.begin(), extensions.end(),
                     [name](const XrExtensionProperties& extension) { return std::strcmp(extension.extensionName, name) == 0; });
}

}  // namespace

Instance::Instance() {
  std::vector<XrExtensionProperties> extensions;
  try {
    extensions = offered_extensions();
  } catch (const core::ApiError& error) {
    // The loader answers this way when no runtime is installed or active.
    throw RuntimeUnavailable(fmt::format("no OpenXR runtime is available ({}); install and start one, such "
                                         "as SteamVR or Monado, or use screen mode",
                                         error.result_name()),
                             static_cast<XrResult>(error.result_code()));
  }

  if (!offered(extensions, kVulkanEnable2)) {
    throw RuntimeUnavailable(fmt::format("the OpenXR runtime does not offer {}, which Stillwater needs for Vulkan "
                                         "rendering",
                                         kVulkanEnable2),
                             XR_ERROR_EXTENSION_NOT_PRESENT);
  }
  enabled_extensions_.emplace_back(kVulkanEnable2);
  if (offered(extensions, kDepthLayer)) {
    enabled_extensions_.emplace_back(kDepthLayer);
  }

  std::vector<const char*> names;
  for (const auto& name : enabled_extensions_) {
    names.push_back(name.c_str());
  }

  XrInstanceCreateInfo info{XR_TYPE_INSTANCE_CREATE_INFO};
  std::strncpy(info.applicationInfo.applicationName, "Stillwater", XR_MAX_APPLICATION_NAME_SIZE - 1);
  info.applicationInfo.applicationVersion = 1;
  std::strncpy(info.applicationInfo.engineName, "Stillwater", XR_MAX_ENGINE_NAME_SIZE - 1);
  info.applicationInfo.engineVersion = 1;
  info.applicationInfo.apiVersion = XR_CURRENT_API_VERSION;
  info.enabledExtensionCount = static_cast<std::uint32_t>(names.size());
  info.enabledExtensionNames = names.data();

  const XrResult created = xrCreateInstance(&info, &instance_);
  if (created == XR_ERROR_RUNTIME_UNAVAILABLE || created == XR_ERROR_RUNTIME_FAILURE) {
    throw RuntimeUnavailable(fmt::format("xrCreateInstance failed with {}: the OpenXR runtime is not running or "
                                         "not installed; start it, or use screen mode",
                                         xr_result_name(created)),
                             created);
  }
  xr_check(created, "xrCreateInstance");

  XrInstanceProperties properties{XR_TYPE_INSTANCE_PROPERTIES};
  xr_check(xrGetInstanceProperties(instance_, &properties), "xrGetInstanceProperties");
  runtime_name_ = fmt::format("{} {}.{}.{}", properties.runtimeName, XR_VERSION_MAJOR(properties.runtimeVersion),
                              XR_VERSION_MINOR(properties.runtimeVersion), XR_VERSION_PATCH(properties.runtimeVersion));

  XrSystemGetInfo system_info{XR_TYPE_SYSTEM_GET_INFO};
  system_info.formFactor = XR_FORM_FACTOR_HEAD_MOUNTED_DISPLAY;
  const XrResult system = xrGetSystem(instance_, &system_info, &system_);
  if (system == XR_ERROR_FORM_FACTOR_UNAVAILABLE || system == XR_ERROR_FORM_FACTOR_UNSUPPORTED) {
    xrDestroyInstance(instance_);
    instance_ = XR_NULL_HANDLE;
    throw RuntimeUnavailable(fmt::format("xrGetSystem failed with {}: no headset is connected; connect and switch "
                                         "on the headset, or use screen mode",
                                         xr_result_name(system)),
                             system);
  }
  try {
    xr_check(system, "xrGetSystem (head-mounted display)");
  } catch (...) {
    xrDestroyInstance(instance_);
    instance_ = XR_NULL_HANDLE;
    throw;
  }

  log_summary(extensions);
}

Instance::~Instance() {
  if (instance_ != XR_NULL_HANDLE) {
    if (const XrResult result = xrDestroyInstance(instance_); XR_FAILED(result)) {
      spdlog::warn("xrDestroyInstance failed with {}", xr_result_name(result));
    }
  }
}

bool Instance::has_extension(const std::string& name) const {
  return std::find(enabled_extensions_.begin(), enabled_extensions_.end(), name) != enabled_extensions_.end();
}

PFN_xrVoidFunction Instance::load(const char* name) const {
  PFN_xrVoidFunction address = nullptr;
  xr_check(xrGetInstanceProcAddr(instance_, name, &address), fmt::format("xrGetInstanceProcAddr ({})", name));
  return address;
}

void Instance::log_summary(const std::vector<XrExtensionProperties>& offered) const {
  XrSystemProperties system{XR_TYPE_SYSTEM_PROPERTIES};
  xr_check(xrGetSystemProperties(instance_, system_, &system), "xrGetSystemProperties");

  spdlog::info("OpenXR runtime: {}; system: {} (vendor {:#x})", runtime_name_, system.systemName, system.vendorId);

  // One table of the extensions: the enabled ones marked, each with why.
  std::string table;
  for (const auto& extension : offered) {
    const bool enabled = has_extension(extension.extensionName);
    table += fmt::format("\n  [{}] {} v{}", enabled ? "x" : " ", extension.extensionName, extension.extensionVersion);
  }
  spdlog::info("OpenXR extensions offered ({}), enabled marked [x]: {} for Vulkan rendering, {} when offered:{}",
               offered.size(), kVulkanEnable2, kDepthLayer, table);
}

render::ContextOptions Instance::vulkan_context_options(bool validation) const {
  auto get_requirements = function<PFN_xrGetVulkanGraphicsRequirements2KHR>("xrGetVulkanGraphicsRequirements2KHR");
  XrGraphicsRequirementsVulkan2KHR requirements{XR_TYPE_GRAPHICS_REQUIREMENTS_VULKAN2_KHR};
  xr_check(get_requirements(instance_, system_, &requirements), "xrGetVulkanGraphicsRequirements2KHR");
  spdlog::info("OpenXR Vulkan requirements: API {}.{} to {}.{}", XR_VERSION_MAJOR(requirements.minApiVersionSupported),
               XR_VERSION_MINOR(requirements.minApiVersionSupported),
               XR_VERSION_MAJOR(requirements.maxApiVersionSupported),
               XR_VERSION_MINOR(requirements.maxApiVersionSupported));

  render::ContextOptions options;
  options.validation = validation;

  const XrInstance instance = instance_;
  const XrSystemId system = system_;
  auto create_instance = function<PFN_xrCreateVulkanInstanceKHR>("xrCreateVulkanInstanceKHR");
  auto get_device = function<PFN_xrGetVulkanGraphicsDevice2KHR>("xrGetVulkanGraphicsDevice2KHR");
  auto create_device = function<PFN_xrCreateVulkanDeviceKHR>("xrCreateVulkanDeviceKHR");

  options.create_instance = [instance, system, create_instance](const VkInstanceCreateInfo& vulkan_info) {
    XrVulkanInstanceCreateInfoKHR info{XR_TYPE_VULKAN_INSTANCE_CREATE_INFO_KHR};
    info.systemId = system;
    info.pfnGetInstanceProcAddr = vkGetInstanceProcAddr;
    info.vulkanCreateInfo = &vulkan_info;
    VkInstance vulkan_instance = VK_NULL_HANDLE;
    VkResult vulkan_result = VK_SUCCESS;
    xr_check(create_instance(instance, &info, &vulkan_instance, &vulkan_result), "xrCreateVulkanInstanceKHR");
    render::vk_check(vulkan_result, "vkCreateInstance (through xrCreateVulkanInstanceKHR)");
    return vulkan_instance;
  };

  options.choose_physical_device = [instance, system, get_device](VkInstance vulkan_instance) {
    XrVulkanGraphicsDeviceGetInfoKHR info{XR_TYPE_VULKAN_GRAPHICS_DEVICE_GET_INFO_KHR};
    info.systemId = system;
    info.vulkanInstance = vulkan_instance;
    VkPhysicalDevice device = VK_NULL_HANDLE;
    xr_check(get_device(instance, &info, &device), "xrGetVulkanGraphicsDevice2KHR");
    return device;
  };

  options.create_device = [instance, system, create_device](VkPhysicalDevice physical_device,
                                                            const VkDeviceCreateInfo& vulkan_info) {
    XrVulkanDeviceCreateInfoKHR info{XR_TYPE_VULKAN_DEVICE_CREATE_INFO_KHR};
    info.systemId = system;
    info.pfnGetInstanceProcAddr = vkGetInstanceProcAddr;
    info.vulkanPhysicalDevice = physical_device;
    info.vulkanCreateInfo = &vulkan_info;
    VkDevice device = VK_NULL_HANDLE;
    VkResult vulkan_result = VK_SUCCESS;
    xr_check(create_device(instance, &info, &device, &vulkan_result), "xrCreateVulkanDeviceKHR");
    render::vk_check(vulkan_result, "vkCreateDevice (through xrCreateVulkanDeviceKHR)");
    return device;
  };
  return options;
}

}  // namespace stillwater::xr

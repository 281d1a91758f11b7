#pragma once

#include "render/context.hpp"

#define XR_USE_GRAPHICS_API_VULKAN
#include <vulkan/vulkan.h>
#include <openxr/openxr.h>
#include <openxr/openxr_platform.h>

#include <string>
#include <vector>

namespace stillwater::xr {

// Thrown when no OpenXR runtime or no headset is there to use, so the caller
// can fall back to another display. Other OpenXR failures are core::ApiError.
class RuntimeUnavailable : public std::runtime_error {
 public:
  RuntimeUnavailable(const std::string& message, XrResult result)
      : std::runtime_error(message), result_(result) {}

  [[nodiscard]] XrResult result() const { return result_; }

 private:
  XrResult result_;
};

// The OpenXR instance and the head-mounted display's system. Creates the
// Vulkan instance and device through the runtime (XR_KHR_vulkan_enable2),
// which then meet the runtime's requirements.
class Instance {
 public:
  Instance();
  ~Instance();

  Instance(const Instance&) = delete;
  Instance& operator=(const Instance&) = delete;

  [[nodiscard]] XrInstance handle() const { return instance_; }
  [[nodiscard]] XrSystemId system() const { return system_; }
  [[nodiscard]] bool has_extension(const std::string& name) const;
  [[nodiscard]] const std::string& runtime_name() const { return runtime_name_; }

  // Context options whose hooks create the Vulkan objects through the runtime.
  // The options refer to this instance, which must outlive the context.
  [[nodiscard]] render::ContextOptions vulkan_context_options(bool validation) const;

  // Loads an extension function; throws if the runtime does not provide it.
  template <typename Function>
  Function function(const char* name) const {
    return reinterpret_cast<Function>(load(name));
  }

 private:
  PFN_xrVoidFunction load(const char* name) const;
  void log_summary(const std::vector<XrExtensionProperties>& offered) const;

  XrInstance instance_ = XR_NULL_HANDLE;
  XrSystemId system_ = XR_NULL_SYSTEM_ID;
  std::vector<std::string> enabled_extensions_;
  std::string runtime_name_;
};

}  // namespace stillwater::xr

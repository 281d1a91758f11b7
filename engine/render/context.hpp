#pragma once

#include "render/validation.hpp"
#include "render/vk_handle.hpp"

#include <vulkan/vulkan.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace stillwater::render {

// How the Vulkan instance and device come to be. The defaults create them
// directly; a display backend whose runtime must create them (OpenXR's
// XR_KHR_vulkan_enable2) supplies the three hooks instead.
struct ContextOptions {
  std::string application_name = "Stillwater";

  // Enables VK_LAYER_KHRONOS_validation and a debug messenger.
  bool validation = false;
  // With validation on, a missing layer is an error rather than a warning.
  bool require_validation = false;

  // Extensions a display needs, such as VK_KHR_surface and VK_KHR_swapchain
  // for a window. A missing one fails context creation with its name.
  std::vector<std::string> instance_extensions;
  std::vector<std::string> device_extensions;

  std::function<VkInstance(const VkInstanceCreateInfo&)> create_instance;
  std::function<VkPhysicalDevice(VkInstance)> choose_physical_device;
  std::function<VkDevice(VkPhysicalDevice, const VkDeviceCreateInfo&)> create_device;
};

// True when this build turns validation on by default: debug builds, or any
// build run with STILLWATER_VULKAN_VALIDATION=1 in the environment.
bool validation_enabled_by_default();

struct InstanceDestroyer {
  void operator()(VkInstance instance) const;
};

// Waits for the device to go idle before destroying it, so no object is freed
// while the GPU may still use it.
struct DeviceDestroyer {
  void operator()(VkDevice device) const;
};

// The VK_EXT_debug_utils messenger, destroyed before its instance.
class DebugMessenger {
 public:
  DebugMessenger() = default;
  DebugMessenger(VkInstance instance, const VkDebugUtilsMessengerCreateInfoEXT& info);
  ~DebugMessenger();
  DebugMessenger(const DebugMessenger&) = delete;
  DebugMessenger& operator=(const DebugMessenger&) = delete;

 private:
  VkInstance instance_ = VK_NULL_HANDLE;
  VkDebugUtilsMessengerEXT messenger_ = VK_NULL_HANDLE;
};

// The Vulkan instance, physical device, logical device and graphics queue,
// plus a command pool for one-off work such as uploads and readback. Members
// are declared in creation order, so they are destroyed in reverse.
class Context {
 public:
  explicit Context(ContextOptions options = {});

  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;

  [[nodiscard]] VkInstance instance() const { return instance_.get(); }
  [[nodiscard]] VkPhysicalDevice physical_device() const { return physical_device_; }
  [[nodiscard]] VkDevice device() const { return device_.get(); }
  [[nodiscard]] VkQueue queue() const { return queue_; }
  [[nodiscard]] std::uint32_t queue_family() const { return queue_family_; }
  [[nodiscard]] const VkPhysicalDeviceProperties& properties() const { return properties_; }
  [[nodiscard]] bool validation_active() const { return validation_active_; }

  // Warnings and errors from the validation layers since the context was
  // created, including those raised while it was being created.
  [[nodiscard]] const ValidationReport& validation_report() const { return *validation_report_; }

  // Index of a memory type allowed by `type_bits` that has `properties`.
  // Throws when the device offers none.
  [[nodiscard]] std::uint32_t find_memory_type(std::uint32_t type_bits,
                                               VkMemoryPropertyFlags properties) const;

  // Records commands with `record`, submits them and waits for the GPU to
  // finish. For set-up and readback only: the frame loop never waits this way.
  void submit_and_wait(const std::function<void(VkCommandBuffer)>& record, std::string_view what) const;

  // Gives a Vulkan object a name that validation messages and graphics
  // debuggers show. Does nothing when VK_EXT_debug_utils is off.
  template <typename Handle>
  void set_name(Handle handle, const std::string& name) const {
    set_object_name(ObjectType<Handle>::value, reinterpret_cast<std::uint64_t>(handle), name);
  }

 private:
  void create_instance(const ContextOptions& options);
  void choose_physical_device(const ContextOptions& options);
  void create_device(const ContextOptions& options);
  void log_device() const;
  void set_object_name(VkObjectType type, std::uint64_t handle, const std::string& name) const;

  // Heap-allocated so its address, held by the messenger, survives moves.
  std::unique_ptr<ValidationReport> validation_report_ = std::make_unique<ValidationReport>();
  bool validation_active_ = false;

  std::unique_ptr<VkInstance_T, InstanceDestroyer> instance_;
  std::unique_ptr<DebugMessenger> messenger_;
  VkPhysicalDevice physical_device_ = VK_NULL_HANDLE;
  VkPhysicalDeviceProperties properties_{};
  VkPhysicalDeviceMemoryProperties memory_properties_{};
  std::uint32_t queue_family_ = 0;
  std::unique_ptr<VkDevice_T, DeviceDestroyer> device_;
  VkQueue queue_ = VK_NULL_HANDLE;
  UniqueCommandPool command_pool_;
  UniqueFence fence_;

  PFN_vkSetDebugUtilsObjectNameEXT set_object_name_ = nullptr;
};

}  // namespace stillwater::render

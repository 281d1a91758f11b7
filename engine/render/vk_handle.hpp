#pragma once

#include <vulkan/vulkan.h>

#include <utility>

namespace stillwater::render {

template <typename Handle>
using DeviceDestroyFunction = void (*)(VkDevice, Handle, const VkAllocationCallbacks*);

// A move-only owner of one Vulkan object created from a VkDevice. Destruction
// happens in the destructor or in reset(), which nulls the handle, so a second
// reset is harmless. The caller keeps the device alive longer than its objects
// and destroys an object only once the GPU has finished with it.
template <typename Handle, DeviceDestroyFunction<Handle> Destroy>
class DeviceObject {
 public:
  DeviceObject() = default;
  DeviceObject(VkDevice device, Handle handle) : device_(device), handle_(handle) {}

  DeviceObject(const DeviceObject&) = delete;
  DeviceObject& operator=(const DeviceObject&) = delete;

  DeviceObject(DeviceObject&& other) noexcept
      : device_(std::exchange(other.device_, VK_NULL_HANDLE)),
        handle_(std::exchange(other.handle_, VK_NULL_HANDLE)) {}

  DeviceObject& operator=(DeviceObject&& other) noexcept {
    if (this != &other) {
      reset();
      device_ = std::exchange(other.device_, VK_NULL_HANDLE);
      handle_ = std::exchange(other.handle_, VK_NULL_HANDLE);
    }
    return *this;
  }

  ~DeviceObject() { reset(); }

  void reset() {
    if (handle_ != VK_NULL_HANDLE) {
      Destroy(device_, handle_, nullptr);
      handle_ = VK_NULL_HANDLE;
    }
  }

  [[nodiscard]] Handle get() const { return handle_; }
  [[nodiscard]] explicit operator bool() const { return handle_ != VK_NULL_HANDLE; }

 private:
  VkDevice device_ = VK_NULL_HANDLE;
  Handle handle_ = VK_NULL_HANDLE;
};

using UniqueBuffer = DeviceObject<VkBuffer, vkDestroyBuffer>;
using UniqueImage = DeviceObject<VkImage, vkDestroyImage>;
using UniqueImageView = DeviceObject<VkImageView, vkDestroyImageView>;
using UniqueMemory = DeviceObject<VkDeviceMemory, vkFreeMemory>;
using UniqueRenderPass = DeviceObject<VkRenderPass, vkDestroyRenderPass>;
using UniqueFramebuffer = DeviceObject<VkFramebuffer, vkDestroyFramebuffer>;
using UniqueShaderModule = DeviceObject<VkShaderModule, vkDestroyShaderModule>;
using UniquePipelineLayout = DeviceObject<VkPipelineLayout, vkDestroyPipelineLayout>;
using UniquePipeline = DeviceObject<VkPipeline, vkDestroyPipeline>;
using UniqueCommandPool = DeviceObject<VkCommandPool, vkDestroyCommandPool>;
using UniqueFence = DeviceObject<VkFence, vkDestroyFence>;
using UniqueSemaphore = DeviceObject<VkSemaphore, vkDestroySemaphore>;
using UniqueSampler = DeviceObject<VkSampler, vkDestroySampler>;
using UniqueDescriptorPool = DeviceObject<VkDescriptorPool, vkDestroyDescriptorPool>;
using UniqueDescriptorSetLayout = DeviceObject<VkDescriptorSetLayout, vkDestroyDescriptorSetLayout>;
using UniqueQueryPool = DeviceObject<VkQueryPool, vkDestroyQueryPool>;

// The VkObjectType for a handle type, used to give objects debug names.
template <typename Handle>
struct ObjectType;

#define STILLWATER_OBJECT_TYPE(handle_type, object_type)                 \
  template <>                                                            \
  struct ObjectType<handle_type> {                                       \
    static constexpr VkObjectType value = object_type;                   \
  }

STILLWATER_OBJECT_TYPE(VkBuffer, VK_OBJECT_TYPE_BUFFER);
STILLWATER_OBJECT_TYPE(VkImage, VK_OBJECT_TYPE_IMAGE);
STILLWATER_OBJECT_TYPE(VkImageView, VK_OBJECT_TYPE_IMAGE_VIEW);
STILLWATER_OBJECT_TYPE(VkDeviceMemory, VK_OBJECT_TYPE_DEVICE_MEMORY);
STILLWATER_OBJECT_TYPE(VkRenderPass, VK_OBJECT_TYPE_RENDER_PASS);
STILLWATER_OBJECT_TYPE(VkFramebuffer, VK_OBJECT_TYPE_FRAMEBUFFER);
STILLWATER_OBJECT_TYPE(VkShaderModule, VK_OBJECT_TYPE_SHADER_MODULE);
STILLWATER_OBJECT_TYPE(VkPipelineLayout, VK_OBJECT_TYPE_PIPELINE_LAYOUT);
STILLWATER_OBJECT_TYPE(VkPipeline, VK_OBJECT_TYPE_PIPELINE);
STILLWATER_OBJECT_TYPE(VkCommandPool, VK_OBJECT_TYPE_COMMAND_POOL);
STILLWATER_OBJECT_TYPE(VkCommandBuffer, VK_OBJECT_TYPE_COMMAND_BUFFER);
STILLWATER_OBJECT_TYPE(VkFence, VK_OBJECT_TYPE_FENCE);
STILLWATER_OBJECT_TYPE(VkSemaphore, VK_OBJECT_TYPE_SEMAPHORE);
STILLWATER_OBJECT_TYPE(VkSampler, VK_OBJECT_TYPE_SAMPLER);
STILLWATER_OBJECT_TYPE(VkDescriptorPool, VK_OBJECT_TYPE_DESCRIPTOR_POOL);
STILLWATER_OBJECT_TYPE(VkDescriptorSetLayout, VK_OBJECT_TYPE_DESCRIPTOR_SET_LAYOUT);
STILLWATER_OBJECT_TYPE(VkQueryPool, VK_OBJECT_TYPE_QUERY_POOL);
STILLWATER_OBJECT_TYPE(VkQueue, VK_OBJECT_TYPE_QUEUE);
STILLWATER_OBJECT_TYPE(VkDevice, VK_OBJECT_TYPE_DEVICE);

#undef STILLWATER_OBJECT_TYPE

}  // namespace stillwater::render

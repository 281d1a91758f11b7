#pragma once

#include "render/context.hpp"
#include "render/vk_handle.hpp"

#include <vulkan/vulkan.h>

#include <cstdint>
#include <string>

namespace stillwater::render {

struct ImageSpec {
  VkFormat format = VK_FORMAT_UNDEFINED;
  VkExtent2D extent{};
  VkSampleCountFlagBits samples = VK_SAMPLE_COUNT_1_BIT;
  VkImageUsageFlags usage = 0;
  VkImageAspectFlags aspect = VK_IMAGE_ASPECT_COLOR_BIT;
  // Level 0 is the full size; each further level halves both sides.
  std::uint32_t mip_levels = 1;
  // Transfer-only images may not have views.
  bool create_view = true;
};

// A 2D image in device-local memory with one view over it, unless the spec
// asks for none.
struct GpuImage {
  UniqueImage image;
  UniqueMemory memory;
  UniqueImageView view;
  ImageSpec spec;
};

// A buffer in host-visible, coherent memory that stays mapped for its
// lifetime; vkFreeMemory unmaps it.
struct HostBuffer {
  UniqueBuffer buffer;
  UniqueMemory memory;
  void* mapped = nullptr;
  VkDeviceSize size = 0;
};

GpuImage create_image(const Context& context, const ImageSpec& spec, const std::string& name);

UniqueImageView create_image_view(const Context& context, VkImage image, VkFormat format,
                                  VkImageAspectFlags aspect, const std::string& name, std::uint32_t mip_levels = 1);

HostBuffer create_host_buffer(const Context& context, VkDeviceSize size, VkBufferUsageFlags usage,
                              const std::string& name);

// Bytes per pixel of the 8-bit colour formats the engine renders to; throws
// for any other format.
std::uint32_t bytes_per_pixel(VkFormat format);

// The format's name without its VK_FORMAT_ prefix, such as "R8G8B8A8_SRGB".
std::string format_name(VkFormat format);

}  // namespace stillwater::render

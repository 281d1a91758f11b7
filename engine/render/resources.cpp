#include "render/resources.hpp"

#include "render/vk_check.hpp"

#include <fmt/format.h>

#include <stdexcept>

namespace stillwater::render {

namespace {

UniqueMemory allocate_memory(const Context& context, const VkMemoryRequirements& requirements,
                             VkMemoryPropertyFlags properties, const std::string& name) {
  VkMemoryAllocateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO;
  info.allocationSize = requirements.size;
  info.memoryTypeIndex = context.find_memory_type(requirements.memoryTypeBits, properties);

  VkDeviceMemory memory = VK_NULL_HANDLE;
  vk_check(vkAllocateMemory(context.device(), &info, nullptr, &memory),
           fmt::format("vkAllocateMemory ({}, {:.1f} MiB)", name,
                       static_cast<double>(requirements.size) / (1024.0 * 1024.0)));
  UniqueMemory owned(context.device(), memory);
  context.set_name(memory, name + " memory");
  return owned;
}

}  // namespace

GpuImage create_image(const Context& context, const ImageSpec& spec, const std::string& name) {
  VkImageCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO;
  info.imageType = VK_IMAGE_TYPE_2D;
  info.format = spec.format;
  info.extent = {spec.extent.width, spec.extent.height, 1};
  info.mipLevels = spec.mip_levels;
  info.arrayLayers = 1;
  info.samples = spec.samples;
  info.tiling = VK_IMAGE_TILING_OPTIMAL;
  info.usage = spec.usage;
  info.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
  info.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;

  VkImage image = VK_NULL_HANDLE;
  vk_check(vkCreateImage(context.device(), &info, nullptr, &image),
           fmt::format("vkCreateImage ({}, {}x{} {}, {} samples)", name, spec.extent.width,
                       spec.extent.height, format_name(spec.format), static_cast<int>(spec.samples)));
  GpuImage result;
  result.image = UniqueImage(context.device(), image);
  result.spec = spec;
  context.set_name(image, name);

  VkMemoryRequirements requirements{};
  vkGetImageMemoryRequirements(context.device(), image, &requirements);
  result.memory = allocate_memory(context, requirements, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT, name);
  vk_check(vkBindImageMemory(context.device(), image, result.memory.get(), 0),
           "vkBindImageMemory (" + name + ")");

  if (spec.create_view) {
    result.view = create_image_view(context, image, spec.format, spec.aspect, name + " view", spec.mip_levels);
  }
  return result;
}

UniqueImageView create_image_view(const Context& context, VkImage image, VkFormat format,
                                  VkImageAspectFlags aspect, const std::string& name, std::uint32_t mip_levels) {
  VkImageViewCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO;
  info.image = image;
  info.viewType = VK_IMAGE_VIEW_TYPE_2D;
  info.format = format;
  info.subresourceRange = {aspect, 0, mip_levels, 0, 1};

  VkImageView view = VK_NULL_HANDLE;
  vk_check(vkCreateImageView(context.device(), &info, nullptr, &view), "vkCreateImageView (" + name + ")");
  context.set_name(view, name);
  return UniqueImageView(context.device(), view);
}

HostBuffer create_host_buffer(const Context& context, VkDeviceSize size, VkBufferUsageFlags usage,
                              const std::string& name) {
  VkBufferCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO;
  info.size = size;
  info.usage = usage;
  info.sharingMode = VK_SHARING_MODE_EXCLUSIVE;

  VkBuffer buffer = VK_NULL_HANDLE;
  vk_check(vkCreateBuffer(context.device(), &info, nullptr, &buffer),
           fmt::format("vkCreateBuffer ({}, {} bytes)", name, size));
  HostBuffer result;
  result.buffer = UniqueBuffer(context.device(), buffer);
  result.size = size;
  context.set_name(buffer, name);

  VkMemoryRequirements requirements{};
  vkGetBufferMemoryRequirements(context.device(), buffer, &requirements);
  result.memory = allocate_memory(context, requirements,
                                  VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT, name);
  vk_check(vkBindBufferMemory(context.device(), buffer, result.memory.get(), 0),
           "vkBindBufferMemory (" + name + ")");
  vk_check(vkMapMemory(context.device(), result.memory.get(), 0, VK_WHOLE_SIZE, 0, &result.mapped),
           "vkMapMemory (" + name + ")");
  return result;
}

std::uint32_t bytes_per_pixel(VkFormat format) {
  switch (format) {
    case VK_FORMAT_R8G8B8A8_SRGB:
    case VK_FORMAT_R8G8B8A8_UNORM:
    case VK_FORMAT_B8G8R8A8_SRGB:
    case VK_FORMAT_B8G8R8A8_UNORM:
      return 4;
    default:
      throw std::invalid_argument("unsupported colour format " + format_name(format) +
                                  "; use an 8-bit RGBA or BGRA format");
  }
}

std::string format_name(VkFormat format) {
  switch (format) {
    case VK_FORMAT_R8G8B8A8_SRGB:
      return "R8G8B8A8_SRGB";
    case VK_FORMAT_R8G8B8A8_UNORM:
      return "R8G8B8A8_UNORM";
    case VK_FORMAT_B8G8R8A8_SRGB:
      return "B8G8R8A8_SRGB";
    case VK_FORMAT_B8G8R8A8_UNORM:
      return "B8G8R8A8_UNORM";
    case VK_FORMAT_D32_SFLOAT:
      return "D32_SFLOAT";
    case VK_FORMAT_D24_UNORM_S8_UINT:
      return "D24_UNORM_S8_UINT";
    case VK_FORMAT_D16_UNORM:
      return "D16_UNORM";
    case VK_FORMAT_R16G16B16A16_SFLOAT:
      return "R16G16B16A16_SFLOAT";
    case VK_FORMAT_R16G16B16A16_UNORM:
      return "R16G16B16A16_UNORM";
    case VK_FORMAT_R5G6B5_UNORM_PACK16:
      return "R5G6B5_UNORM_PACK16";
    case VK_FORMAT_R32_SFLOAT:
      return "R32_SFLOAT";
    case VK_FORMAT_X8_D24_UNORM_PACK32:
      return "X8_D24_UNORM_PACK32";
    case VK_FORMAT_D32_SFLOAT_S8_UINT:
      return "D32_SFLOAT_S8_UINT";
    case VK_FORMAT_S8_UINT:
      return "S8_UINT";
    default:
      return "VkFormat(" + std::to_string(static_cast<int>(format)) + ")";
  }
}

}  // namespace stillwater::render

#include "render/texture.hpp"

#include "render/vk_check.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstring>

namespace stillwater::render {

core::Rgba8Image fit_within(const core::Rgba8Image& image, std::uint32_t max_side) {
  const std::uint32_t longest = std::max(image.width, image.height);
  if (longest <= max_side) {
    return image;
  }
  const double scale = static_cast<double>(max_side) / static_cast<double>(longest);
  core::Rgba8Image result;
  result.width = std::max(1U, static_cast<std::uint32_t>(static_cast<double>(image.width) * scale));
  result.height = std::max(1U, static_cast<std::uint32_t>(static_cast<double>(image.height) * scale));
  result.pixels.resize(static_cast<std::size_t>(result.width) * result.height * 4);

  for (std::uint32_t y = 0; y < result.height; ++y) {
    const std::uint32_t y0 = static_cast<std::uint32_t>(static_cast<std::uint64_t>(y) * image.height / result.height);
    const std::uint32_t y1 = std::max(
        y0 + 1, static_cast<std::uint32_t>(static_cast<std::uint64_t>(y + 1) * image.height / result.height));
    for (std::uint32_t x = 0; x < result.width; ++x) {
      const std::uint32_t x0 = static_cast<std::uint32_t>(static_cast<std::uint64_t>(x) * image.width / result.width);
      const std::uint32_t x1 = std::max(
          x0 + 1, static_cast<std::uint32_t>(static_cast<std::uint64_t>(x + 1) * image.width / result.width));
      std::uint64_t sums[4] = {0, 0, 0, 0};
      for (std::uint32_t sy = y0; sy < y1; ++sy) {
        for (std::uint32_t sx = x0; sx < x1; ++sx) {
          const std::size_t offset = image.offset(sx, sy);
          for (std::size_t channel = 0; channel < 4; ++channel) {
            sums[channel] += image.pixels[offset + channel];
          }
        }
      }
      const std::uint64_t count = static_cast<std::uint64_t>(x1 - x0) * (y1 - y0);
      const std::size_t offset = result.offset(x, y);
      for (std::size_t channel = 0; channel < 4; ++channel) {
        result.pixels[offset + channel] = static_cast<std::uint8_t>((sums[channel] + count / 2) / count);
      }
    }
  }
  return result;
}

GpuImage upload_texture(const Context& context, const core::Rgba8Image& source, const std::string& name) {
  const std::uint32_t limit = context.properties().limits.maxImageDimension2D;
  const core::Rgba8Image image = fit_within(source, limit);
  if (image.width != source.width) {
    spdlog::warn("Image {} is {}x{}, larger than this device's limit of {} pixels a side; scaled down to {}x{}", name,
                 source.width, source.height, limit, image.width, image.height);
  }

  ImageSpec spec;
  spec.format = VK_FORMAT_R8G8B8A8_SRGB;
  spec.extent = {image.width, image.height};
  spec.usage = VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT;
  GpuImage texture = create_image(context, spec, name);

  const HostBuffer staging =
      create_host_buffer(context, image.pixels.size(), VK_BUFFER_USAGE_TRANSFER_SRC_BIT, name + " staging");
  std::memcpy(staging.mapped, image.pixels.data(), image.pixels.size());

  context.submit_and_wait(
      [&](VkCommandBuffer commands) {
        VkImageMemoryBarrier to_transfer{};
        to_transfer.sType = VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER;
        to_transfer.srcAccessMask = 0;
        to_transfer.dstAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
        to_transfer.oldLayout = VK_IMAGE_LAYOUT_UNDEFINED;
        to_transfer.newLayout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL;
        to_transfer.srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
        to_transfer.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
        to_transfer.image = texture.image.get();
        to_transfer.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1};
        vkCmdPipelineBarrier(commands, VK_PIPELINE_STAGE_TOP_OF_PIPE_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT, 0, 0,
                             nullptr, 0, nullptr, 1, &to_transfer);

        VkBufferImageCopy region{};
        region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
        region.imageExtent = {image.width, image.height, 1};
        vkCmdCopyBufferToImage(commands, staging.buffer.get(), texture.image.get(),
                               VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &region);

        VkImageMemoryBarrier to_shader = to_transfer;
        to_shader.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
        to_shader.dstAccessMask = VK_ACCESS_SHADER_READ_BIT;
        to_shader.oldLayout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL;
        to_shader.newLayout = VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL;
        vkCmdPipelineBarrier(commands, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_FRAGMENT_SHADER_BIT, 0, 0,
                             nullptr, 0, nullptr, 1, &to_shader);
      },
      "texture upload (" + name + ")");
  return texture;
}

UniqueSampler create_panorama_sampler(const Context& context, const std::string& name) {
  VkSamplerCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_SAMPLER_CREATE_INFO;
  info.magFilter = VK_FILTER_LINEAR;
  info.minFilter = VK_FILTER_LINEAR;
  info.mipmapMode = VK_SAMPLER_MIPMAP_MODE_NEAREST;
  info.addressModeU = VK_SAMPLER_ADDRESS_MODE_REPEAT;
  info.addressModeV = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE;
  info.addressModeW = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE;
  info.maxLod = 0.0F;

  VkSampler sampler = VK_NULL_HANDLE;
  vk_check(vkCreateSampler(context.device(), &info, nullptr, &sampler), "vkCreateSampler (" + name + ")");
  context.set_name(sampler, name);
  return UniqueSampler(context.device(), sampler);
}

}  // namespace stillwater::render

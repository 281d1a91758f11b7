#include "render/texture.hpp"

#include "render/vk_check.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>

namespace stillwater::render {

namespace {

float srgb_to_linear(float value) {
  return value <= 0.04045F ? value / 12.92F : std::pow((value + 0.055F) / 1.055F, 2.4F);
}

float linear_to_srgb(float value) {
  return value <= 0.0031308F ? value * 12.92F : 1.055F * std::pow(value, 1.0F / 2.4F) - 0.055F;
}

core::Rgba8Image half_size(const core::Rgba8Image& image, bool srgb) {
  static const std::array<float, 256> kLinear = [] {
    std::array<float, 256> table{};
    for (std::size_t i = 0; i < table.size(); ++i) {
      table[i] = srgb_to_linear(static_cast<float>(i) / 255.0F);
    }
    return table;
  }();

  core::Rgba8Image result;
  result.width = std::max(1U, image.width / 2);
  result.height = std::max(1U, image.height / 2);
  result.pixels.resize(static_cast<std::size_t>(result.width) * result.height * 4);
  for (std::uint32_t y = 0; y < result.height; ++y) {
    // Odd sides round down, so an odd level's last row or column is
    // dropped. A side of 1 reads its one pixel twice.
    const std::uint32_t y0 = std::min(2 * y, image.height - 1);
    const std::uint32_t y1 = std::min(2 * y + 1, image.height - 1);
    for (std::uint32_t x = 0; x < result.width; ++x) {
      const std::uint32_t x0 = std::min(2 * x, image.width - 1);
      const std::uint32_t x1 = std::min(2 * x + 1, image.width - 1);
      const std::array<std::size_t, 4> sources{image.offset(x0, y0), image.offset(x1, y0), image.offset(x0, y1),
                                               image.offset(x1, y1)};
      const std::size_t target = result.offset(x, y);
      for (std::size_t channel = 0; channel < 4; ++channel) {
        const bool decode = srgb && channel < 3;
        float sum = 0.0F;
        for (const std::size_t source : sources) {
          const std::uint8_t value = image.pixels[source + channel];
          sum += decode ? kLinear[value] : static_cast<float>(value) / 255.0F;
        }
        const float mean = sum / 4.0F;
        const float encoded = decode ? linear_to_srgb(mean) : mean;
        result.pixels[target + channel] =
            static_cast<std::uint8_t>(std::lround(std::clamp(encoded, 0.0F, 1.0F) * 255.0F));
      }
    }
  }
  return result;
}

}  // namespace

std::vector<core::Rgba8Image> mip_chain(const core::Rgba8Image& image, bool srgb) {
  std::vector<core::Rgba8Image> levels{image};
  while (levels.back().width > 1 || levels.back().height > 1) {
    levels.push_back(half_size(levels.back(), srgb));
  }
  return levels;
}

core::Rgba8Image fit_within(const core::Rgba8Image& image, std::uint32_t max_side) {
  const std::uint32_t longest = std::max(image.width, image.height);
  if (longest <= max_side) {
    return image;
  }
  // Integer arithmetic, so the longest side comes out exactly `max_side`
  // rather than one less after floating-point rounding.
  core::Rgba8Image result;
  result.width = std::max(1U, static_cast<std::uint32_t>(static_cast<std::uint64_t>(image.width) * max_side / longest));
  result.height =
      std::max(1U, static_cast<std::uint32_t>(static_cast<std::uint64_t>(image.height) * max_side / longest));
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

GpuImage upload_texture(const Context& context, const core::Rgba8Image& source, const std::string& name,
                        const TextureOptions& options) {
  const std::uint32_t limit = context.properties().limits.maxImageDimension2D;
  const core::Rgba8Image image = fit_within(source, limit);
  if (image.width != source.width) {
    spdlog::warn("Image {} is {}x{}, larger than this device's limit of {} pixels a side; scaled down to {}x{}", name,
                 source.width, source.height, limit, image.width, image.height);
  }
  const std::vector<core::Rgba8Image> levels =
      options.mipmaps ? mip_chain(image, options.srgb) : std::vector<core::Rgba8Image>{image};

  ImageSpec spec;
  spec.format = options.srgb ? VK_FORMAT_R8G8B8A8_SRGB : VK_FORMAT_R8G8B8A8_UNORM;
  spec.extent = {image.width, image.height};
  spec.usage = VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT;
  spec.mip_levels = static_cast<std::uint32_t>(levels.size());
  GpuImage texture = create_image(context, spec, name);

  // Every level goes into one staging buffer, one copy region each.
  std::size_t total = 0;
  for (const core::Rgba8Image& level : levels) {
    total += level.pixels.size();
  }
  const HostBuffer staging = create_host_buffer(context, total, VK_BUFFER_USAGE_TRANSFER_SRC_BIT, name + " staging");
  std::vector<VkBufferImageCopy> regions;
  std::size_t offset = 0;
  for (std::size_t index = 0; index < levels.size(); ++index) {
    const core::Rgba8Image& level = levels[index];
    std::memcpy(static_cast<std::uint8_t*>(staging.mapped) + offset, level.pixels.data(), level.pixels.size());
    VkBufferImageCopy region{};
    region.bufferOffset = offset;
    region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, static_cast<std::uint32_t>(index), 0, 1};
    region.imageExtent = {level.width, level.height, 1};
    regions.push_back(region);
    offset += level.pixels.size();
  }

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
        to_transfer.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, spec.mip_levels, 0, 1};
        vkCmdPipelineBarrier(commands, VK_PIPELINE_STAGE_TOP_OF_PIPE_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT, 0, 0,
                             nullptr, 0, nullptr, 1, &to_transfer);

        vkCmdCopyBufferToImage(commands, staging.buffer.get(), texture.image.get(),
                               VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, static_cast<std::uint32_t>(regions.size()),
                               regions.data());

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

UniqueSampler create_material_sampler(const Context& context, const std::string& name) {
  VkSamplerCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_SAMPLER_CREATE_INFO;
  info.magFilter = VK_FILTER_LINEAR;
  info.minFilter = VK_FILTER_LINEAR;
  info.mipmapMode = VK_SAMPLER_MIPMAP_MODE_LINEAR;
  info.addressModeU = VK_SAMPLER_ADDRESS_MODE_REPEAT;
  info.addressModeV = VK_SAMPLER_ADDRESS_MODE_REPEAT;
  info.addressModeW = VK_SAMPLER_ADDRESS_MODE_REPEAT;
  info.maxLod = VK_LOD_CLAMP_NONE;

  VkSampler sampler = VK_NULL_HANDLE;
  vk_check(vkCreateSampler(context.device(), &info, nullptr, &sampler), "vkCreateSampler (" + name + ")");
  context.set_name(sampler, name);
  return UniqueSampler(context.device(), sampler);
}

}  // namespace stillwater::render

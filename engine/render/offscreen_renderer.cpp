#include "render/offscreen_renderer.hpp"

#include "render/vk_check.hpp"

#include <fmt/format.h>

#include <cstring>
#include <stdexcept>
#include <utility>

namespace stillwater::render {

namespace {

TargetFormat offscreen_format(const Context& context, VkFormat colour_format) {
  if (colour_format != VK_FORMAT_R8G8B8A8_SRGB && colour_format != VK_FORMAT_B8G8R8A8_SRGB) {
    throw std::invalid_argument("offscreen rendering needs R8G8B8A8_SRGB or B8G8R8A8_SRGB, not " +
                                format_name(colour_format));
  }
  TargetFormat format;
  format.colour = colour_format;
  format.depth = choose_depth_format(context);
  format.samples = VK_SAMPLE_COUNT_4_BIT;
  format.final_layout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;
  return format;
}

GpuImage create_final_image(const Context& context, VkExtent2D extent, VkFormat format) {
  check_extent(context, extent);
  ImageSpec spec;
  spec.format = format;
  spec.extent = extent;
  spec.usage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT;
  return create_image(context, spec, "offscreen image");
}

}  // namespace

void check_extent(const Context& context, VkExtent2D extent) {
  const std::uint32_t limit = context.properties().limits.maxImageDimension2D;
  if (extent.width == 0 || extent.height == 0) {
    throw std::invalid_argument(
        fmt::format("image size {}x{} is empty; both sides must be at least 1 pixel", extent.width, extent.height));
  }
  if (extent.width > limit || extent.height > limit) {
    throw std::invalid_argument(fmt::format("image size {}x{} exceeds this Vulkan device's limit of {} pixels a side",
                                            extent.width, extent.height, limit));
  }
}

OffscreenRenderer::OffscreenRenderer(const Context& context, VkExtent2D extent, VkFormat colour_format)
    : context_(context),
      extent_(extent),
      renderer_(context, offscreen_format(context, colour_format)),
      image_(create_final_image(context, extent, colour_format)),
      target_(context, renderer_.render_pass(), renderer_.format(), image_.view.get(), extent, "offscreen"),
      readback_(create_host_buffer(context,
                                   static_cast<VkDeviceSize>(extent.width) * extent.height *
                                       bytes_per_pixel(colour_format),
                                   VK_BUFFER_USAGE_TRANSFER_DST_BIT, "readback buffer")) {}

core::Rgba8Image OffscreenRenderer::render(const View& view, const FrameState& frame) {
  return render_with([&](VkCommandBuffer commands) { renderer_.record_view(commands, target_, view, frame); },
                     "offscreen frame");
}

core::Rgba8Image OffscreenRenderer::render_solid(const glm::vec4& srgb_colour) {
  return render_with([&](VkCommandBuffer commands) { renderer_.record_solid(commands, target_, srgb_colour); },
                     "offscreen solid colour");
}

template <typename Record>
core::Rgba8Image OffscreenRenderer::render_with(const Record& record_pass, const char* what) {
  context_.submit_and_wait(
      [&](VkCommandBuffer commands) {
        record_pass(commands);

        VkBufferImageCopy region{};
        region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
        region.imageExtent = {extent_.width, extent_.height, 1};
        vkCmdCopyImageToBuffer(commands, image_.image.get(), VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                               readback_.buffer.get(), 1, &region);

        // Makes the copied bytes visible to the host's read of mapped memory.
        VkMemoryBarrier to_host{};
        to_host.sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER;
        to_host.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
        to_host.dstAccessMask = VK_ACCESS_HOST_READ_BIT;
        vkCmdPipelineBarrier(commands, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_HOST_BIT, 0, 1, &to_host,
                             0, nullptr, 0, nullptr);
      },
      what);
  return read_back();
}

core::Rgba8Image OffscreenRenderer::read_back() const {
  core::Rgba8Image image;
  image.width = extent_.width;
  image.height = extent_.height;
  image.pixels.resize(static_cast<std::size_t>(readback_.size));
  std::memcpy(image.pixels.data(), readback_.mapped, image.pixels.size());

  if (renderer_.format().colour == VK_FORMAT_B8G8R8A8_SRGB) {
    for (std::size_t offset = 0; offset < image.pixels.size(); offset += 4) {
      std::swap(image.pixels[offset], image.pixels[offset + 2]);
    }
  }
  return image;
}

}  // namespace stillwater::render

#include "display/mirror_capture.hpp"

#include "render/vk_check.hpp"

#include <algorithm>
#include <cstring>
#include <utility>

namespace stillwater::display {

namespace {

// Small enough to send several times a second, large enough to recognise
// the place: the longer side at most 480 pixels.
constexpr std::uint32_t kMirrorMaxSide = 480;

void image_barrier(VkCommandBuffer commands, VkImage image, VkImageLayout from, VkImageLayout to,
                   VkAccessFlags source_access, VkAccessFlags destination_access, VkPipelineStageFlags source_stage,
                   VkPipelineStageFlags destination_stage) {
  VkImageMemoryBarrier info{};
  info.sType = VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER;
  info.srcAccessMask = source_access;
  info.dstAccessMask = destination_access;
  info.oldLayout = from;
  info.newLayout = to;
  info.srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
  info.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
  info.image = image;
  info.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1};
  vkCmdPipelineBarrier(commands, source_stage, destination_stage, 0, 0, nullptr, 0, nullptr, 1, &info);
}

}  // namespace

MirrorCapture::MirrorCapture(const render::Context& context, std::size_t frame_slots)
    : context_(context), buffers_(frame_slots), pending_(frame_slots, false) {}

void MirrorCapture::set_sink(MirrorSink sink, std::chrono::milliseconds interval) {
  sink_ = std::move(sink);
  interval_ = interval;
}

bool MirrorCapture::due() const {
  return sink_ && std::chrono::steady_clock::now() - last_ >= interval_;
}

void MirrorCapture::record(VkCommandBuffer commands, std::size_t slot, VkImage source, VkFormat format,
                           VkExtent2D source_extent, VkImageLayout source_layout) {
  const float scale = std::min(1.0F, static_cast<float>(kMirrorMaxSide) /
                                         static_cast<float>(std::max(source_extent.width, source_extent.height)));
  const VkExtent2D extent{std::max(1U, static_cast<std::uint32_t>(static_cast<float>(source_extent.width) * scale)),
                          std::max(1U, static_cast<std::uint32_t>(static_cast<float>(source_extent.height) * scale))};

  if (!image_.image || format_ != format || image_.spec.extent.width != extent.width ||
      image_.spec.extent.height != extent.height) {
    // Earlier copies out of the old image must finish before it goes.
    render::vk_check(vkDeviceWaitIdle(context_.device()), "vkDeviceWaitIdle (mirror image resize)");
    render::ImageSpec spec;
    spec.format = format;
    spec.extent = extent;
    spec.usage = VK_IMAGE_USAGE_TRANSFER_DST_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT;
    spec.create_view = false;
    image_ = render::create_image(context_, spec, "mirror image");
    format_ = format;
    std::fill(pending_.begin(), pending_.end(), false);
    for (auto& buffer : buffers_) {
      buffer = render::create_host_buffer(context_, static_cast<VkDeviceSize>(extent.width) * extent.height * 4,
                                          VK_BUFFER_USAGE_TRANSFER_DST_BIT, "mirror readback buffer");
    }
  }

  const VkImage mirror = image_.image.get();
  image_barrier(commands, source, source_layout, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT, VK_ACCESS_TRANSFER_READ_BIT,
                VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT);
  image_barrier(commands, mirror, VK_IMAGE_LAYOUT_UNDEFINED, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                VK_ACCESS_TRANSFER_READ_BIT, VK_ACCESS_TRANSFER_WRITE_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT,
                VK_PIPELINE_STAGE_TRANSFER_BIT);

  VkImageBlit blit{};
  blit.srcSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
  blit.srcOffsets[1] = {static_cast<std::int32_t>(source_extent.width),
                        static_cast<std::int32_t>(source_extent.height), 1};
  blit.dstSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
  blit.dstOffsets[1] = {static_cast<std::int32_t>(extent.width), static_cast<std::int32_t>(extent.height), 1};
  vkCmdBlitImage(commands, source, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, mirror, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                 1, &blit, VK_FILTER_LINEAR);

  image_barrier(commands, source, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, source_layout, VK_ACCESS_TRANSFER_READ_BIT,
                VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT,
                VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT);
  image_barrier(commands, mirror, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                VK_ACCESS_TRANSFER_WRITE_BIT, VK_ACCESS_TRANSFER_READ_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT,
                VK_PIPELINE_STAGE_TRANSFER_BIT);

  VkBufferImageCopy region{};
  region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
  region.imageExtent = {extent.width, extent.height, 1};
  vkCmdCopyImageToBuffer(commands, mirror, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, buffers_[slot].buffer.get(), 1,
                         &region);

  VkMemoryBarrier to_host{};
  to_host.sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER;
  to_host.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
  to_host.dstAccessMask = VK_ACCESS_HOST_READ_BIT;
  vkCmdPipelineBarrier(commands, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_HOST_BIT, 0, 1, &to_host, 0,
                       nullptr, 0, nullptr);
  pending_[slot] = true;
  last_ = std::chrono::steady_clock::now();
}

void MirrorCapture::deliver(std::size_t slot) {
  if (!pending_[slot]) {
    return;
  }
  pending_[slot] = false;
  if (!sink_) {
    return;
  }

  core::Rgba8Image picture;
  picture.width = image_.spec.extent.width;
  picture.height = image_.spec.extent.height;
  picture.pixels.resize(static_cast<std::size_t>(picture.width) * picture.height * 4);
  std::memcpy(picture.pixels.data(), buffers_[slot].mapped, picture.pixels.size());
  if (format_ == VK_FORMAT_B8G8R8A8_SRGB || format_ == VK_FORMAT_B8G8R8A8_UNORM) {
    for (std::size_t offset = 0; offset < picture.pixels.size(); offset += 4) {
      std::swap(picture.pixels[offset], picture.pixels[offset + 2]);
    }
  }
  sink_(std::move(picture));
}

}  // namespace stillwater::display

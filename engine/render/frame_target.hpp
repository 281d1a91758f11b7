#pragma once

#include "render/context.hpp"
#include "render/resources.hpp"
#include "render/vk_handle.hpp"

#include <vulkan/vulkan.h>

#include <memory>
#include <string>

namespace stillwater::render {

// What a render pass draws into: the colour format of the final image, the
// multisample count, and the layout the final image is left in (transfer
// source for readback, colour attachment for a headset swapchain).
struct TargetFormat {
  VkFormat colour = VK_FORMAT_R8G8B8A8_SRGB;
  VkFormat depth = VK_FORMAT_D32_SFLOAT;
  VkSampleCountFlagBits samples = VK_SAMPLE_COUNT_4_BIT;
  VkImageLayout final_layout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;
  // When not NONE, the render pass also resolves the multisampled depth with
  // this mode into a single-sample image of the same format (attachment 3),
  // such as a headset's depth swapchain image. Needs a Vulkan 1.2 device.
  VkResolveModeFlagBits depth_resolve = VK_RESOLVE_MODE_NONE;
};

// Picks a depth format the device can use as a depth attachment, preferring
// 32-bit float; throws if it supports none of the usual ones.
VkFormat choose_depth_format(const Context& context);

// The mode's name without its prefix, such as SAMPLE_ZERO or MIN.
std::string resolve_mode_name(VkResolveModeFlagBits mode);

// The depth resolve modes the device supports in a render pass; none on a
// device older than Vulkan 1.2.
VkResolveModeFlags supported_depth_resolve_modes(const Context& context);

// One render pass: a multisampled colour and depth attachment cleared at the
// start, the colour resolved into a single-sample image (attachment 2) at the
// end, and the depth into attachment 3 when `format` asks for it.
UniqueRenderPass create_render_pass(const Context& context, const TargetFormat& format);

// The multisampled colour and depth images a render pass draws into before
// it resolves to the final image. Targets whose frames run one after another
// on one queue can share them, because the render pass orders each frame's
// use after the previous frame's.
struct MultisampleAttachments {
  MultisampleAttachments(const Context& context, const TargetFormat& format, VkExtent2D extent,
                         const std::string& name);

  VkExtent2D extent{};
  GpuImage colour;
  GpuImage depth;
};

// The framebuffer for one final image that someone else owns (an offscreen
// image or a swapchain image), with the multisampled images it draws into.
class FrameTarget {
 public:
  // Creates multisampled images for this target alone.
  FrameTarget(const Context& context, VkRenderPass render_pass, const TargetFormat& format,
              VkImageView resolve_view, VkExtent2D extent, const std::string& name);

  // Shares `attachments` with other targets, such as the other images of one
  // swapchain; the target is the attachments' size. `depth_resolve_view` is
  // needed exactly when the render pass resolves depth.
  FrameTarget(const Context& context, VkRenderPass render_pass,
              std::shared_ptr<const MultisampleAttachments> attachments, VkImageView resolve_view,
              const std::string& name, VkImageView depth_resolve_view = VK_NULL_HANDLE);

  [[nodiscard]] VkFramebuffer framebuffer() const { return framebuffer_.get(); }
  [[nodiscard]] VkExtent2D extent() const { return attachments_->extent; }

 private:
  std::shared_ptr<const MultisampleAttachments> attachments_;
  UniqueFramebuffer framebuffer_;
};

}  // namespace stillwater::render

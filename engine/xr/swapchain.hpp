#pragma once

#include "render/context.hpp"
#include "render/frame_target.hpp"
#include "render/vk_handle.hpp"
#include "xr/swapchain_images.hpp"

#define XR_USE_GRAPHICS_API_VULKAN
#include <vulkan/vulkan.h>
#include <openxr/openxr.h>
#include <openxr/openxr_platform.h>

#include <cstdint>
#include <memory>
#include <vector>

namespace stillwater::xr {

// Chooses the colour format: an sRGB one, so that the sRGB encoding happens
// exactly once (in the render pass) and a 50% grey matches the offscreen
// render. Throws std::runtime_error listing the offered formats when none fits.
VkFormat choose_swapchain_format(const std::vector<std::int64_t>& offered);

std::vector<std::int64_t> enumerate_swapchain_formats(XrSession session);

// One eye's colour swapchain and, when depth is submitted, its depth
// swapchain, with a frame target for each pair of their images, all drawing
// into one shared set of multisampled images.
class Swapchain {
 public:
  // `depth_format` UNDEFINED creates no depth swapchain.
  Swapchain(XrSession session, const render::Context& context, VkFormat format, VkExtent2D extent,
            std::uint32_t eye, VkFormat depth_format = VK_FORMAT_UNDEFINED);

  // Creates a frame target per pair of colour and depth images; earlier
  // targets are dropped. With a depth swapchain, `format` must resolve depth.
  void create_targets(VkRenderPass render_pass, const render::TargetFormat& format);

  // Acquires and waits for the next colour image, and for the next depth
  // image too when there is a depth swapchain. Returns the pair's target.
  const render::FrameTarget& acquire();

  // The colour image returned by the last acquire().
  [[nodiscard]] VkImage acquired_image() const { return colour_->image(colour_index_); }

  // Releases the images of the last acquire().
  void release();

  [[nodiscard]] XrSwapchain handle() const { return colour_->handle(); }
  // The depth swapchain, or XR_NULL_HANDLE when depth is not submitted.
  [[nodiscard]] XrSwapchain depth_handle() const { return depth_ ? depth_->handle() : XR_NULL_HANDLE; }
  [[nodiscard]] VkExtent2D extent() const { return extent_; }

 private:
  const render::Context& context_;
  VkExtent2D extent_{};
  std::uint32_t eye_ = 0;
  std::unique_ptr<SwapchainImages> colour_;
  std::unique_ptr<SwapchainImages> depth_;
  std::uint32_t colour_index_ = 0;
  std::uint32_t depth_index_ = 0;
  // Indexed by colour index times the depth image count plus depth index.
  std::vector<std::unique_ptr<render::FrameTarget>> targets_;
};

}  // namespace stillwater::xr

#pragma once

#include "render/context.hpp"
#include "render/frame_target.hpp"
#include "render/vk_handle.hpp"

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

// One eye's swapchain with a frame target for each of its images, all
// drawing into one shared set of multisampled images.
class Swapchain {
 public:
  Swapchain(XrSession session, const render::Context& context, VkFormat format, VkExtent2D extent,
            std::uint32_t eye);
  ~Swapchain();

  Swapchain(const Swapchain&) = delete;
  Swapchain& operator=(const Swapchain&) = delete;

  // Creates a frame target per image; earlier targets are dropped.
  void create_targets(VkRenderPass render_pass, const render::TargetFormat& format);

  // Acquires and waits for the next image; returns its frame target.
  const render::FrameTarget& acquire();

  // The image returned by the last acquire().
  [[nodiscard]] VkImage acquired_image() const { return images_.at(acquired_).image; }
  void release();

  [[nodiscard]] XrSwapchain handle() const { return swapchain_; }
  [[nodiscard]] VkExtent2D extent() const { return extent_; }

 private:
  const render::Context& context_;
  XrSwapchain swapchain_ = XR_NULL_HANDLE;
  VkExtent2D extent_{};
  VkFormat format_ = VK_FORMAT_UNDEFINED;
  std::uint32_t eye_ = 0;
  std::uint32_t acquired_ = 0;
  std::vector<XrSwapchainImageVulkan2KHR> images_;
  std::vector<render::UniqueImageView> views_;
  std::vector<std::unique_ptr<render::FrameTarget>> targets_;
};

}  // namespace stillwater::xr

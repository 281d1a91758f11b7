#pragma once

#include "render/context.hpp"
#include "render/vk_handle.hpp"

#define XR_USE_GRAPHICS_API_VULKAN
#include <vulkan/vulkan.h>
#include <openxr/openxr.h>
#include <openxr/openxr_platform.h>

#include <cstdint>
#include <string>
#include <vector>

namespace stillwater::xr {

struct SwapchainImagesSpec {
  VkFormat format = VK_FORMAT_UNDEFINED;
  VkExtent2D extent{};
  XrSwapchainUsageFlags usage = 0;
  // The aspect the image views show: colour or depth.
  VkImageAspectFlags aspect = VK_IMAGE_ASPECT_COLOR_BIT;
  // Names the swapchain in errors, logs and Vulkan debug names, such as
  // "eye 0 depth".
  std::string label;
};

// One XrSwapchain with its Vulkan images and a view of each; the swapchain
// is destroyed with this object.
class SwapchainImages {
 public:
  SwapchainImages(XrSession session, const render::Context& context, const SwapchainImagesSpec& spec);
  ~SwapchainImages();

  SwapchainImages(const SwapchainImages&) = delete;
  SwapchainImages& operator=(const SwapchainImages&) = delete;

  // Acquires the next image and waits until it may be written; returns its
  // index.
  std::uint32_t acquire();
  void release();

  [[nodiscard]] XrSwapchain handle() const { return swapchain_; }
  [[nodiscard]] std::size_t size() const { return images_.size(); }
  [[nodiscard]] VkImage image(std::size_t index) const { return images_.at(index).image; }
  [[nodiscard]] VkImageView view(std::size_t index) const { return views_.at(index).get(); }

 private:
  std::string label_;
  XrSwapchain swapchain_ = XR_NULL_HANDLE;
  std::vector<XrSwapchainImageVulkan2KHR> images_;
  std::vector<render::UniqueImageView> views_;
};

}  // namespace stillwater::xr

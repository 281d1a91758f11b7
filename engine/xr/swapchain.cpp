#include "xr/swapchain.hpp"

#include "render/resources.hpp"
#include "xr/xr_check.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <stdexcept>

namespace stillwater::xr {

VkFormat choose_swapchain_format(const std::vector<std::int64_t>& offered) {
  for (const VkFormat preferred : {VK_FORMAT_R8G8B8A8_SRGB, VK_FORMAT_B8G8R8A8_SRGB}) {
    if (std::find(offered.begin(), offered.end(), static_cast<std::int64_t>(preferred)) != offered.end()) {
      return preferred;
    }
  }

  std::string names;
  for (const auto format : offered) {
    names += (names.empty() ? "" : ", ") + render::format_name(static_cast<VkFormat>(format));
  }
  throw std::runtime_error(fmt::format("the OpenXR runtime offers no usable swapchain format: Stillwater needs "
                                       "R8G8B8A8_SRGB or B8G8R8A8_SRGB, the runtime offers {}",
                                       names.empty() ? "none" : names));
}

std::vector<std::int64_t> enumerate_swapchain_formats(XrSession session) {
  std::uint32_t count = 0;
  xr_check(xrEnumerateSwapchainFormats(session, 0, &count, nullptr), "xrEnumerateSwapchainFormats");
  std::vector<std::int64_t> formats(count);
  xr_check(xrEnumerateSwapchainFormats(session, count, &count, formats.data()), "xrEnumerateSwapchainFormats");
  formats.resize(count);
  return formats;
}

Swapchain::Swapchain(XrSession session, const render::Context& context, VkFormat format, VkExtent2D extent,
                     std::uint32_t eye, VkFormat depth_format)
    : context_(context), extent_(extent), eye_(eye) {
  SwapchainImagesSpec colour;
  colour.format = format;
  colour.extent = extent;
  // Transfer source lets the first eye's image be copied for the mirror.
  colour.usage = XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT | XR_SWAPCHAIN_USAGE_TRANSFER_SRC_BIT;
  colour.aspect = VK_IMAGE_ASPECT_COLOR_BIT;
  colour.label = fmt::format("eye {}", eye);
  colour_ = std::make_unique<SwapchainImages>(session, context, colour);

  if (depth_format != VK_FORMAT_UNDEFINED) {
    SwapchainImagesSpec depth;
    depth.format = depth_format;
    depth.extent = extent;
    depth.usage = XR_SWAPCHAIN_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT;
    depth.aspect = VK_IMAGE_ASPECT_DEPTH_BIT;
    depth.label = fmt::format("eye {} depth", eye);
    depth_ = std::make_unique<SwapchainImages>(session, context, depth);
  }
}

void Swapchain::create_targets(VkRenderPass render_pass, const render::TargetFormat& format) {
  targets_.clear();
  if (depth_ && format.depth_resolve == VK_RESOLVE_MODE_NONE) {
    throw std::invalid_argument(fmt::format("eye {} has a depth swapchain, but the render pass does not resolve "
                                            "depth into it",
                                            eye_));
  }

  // One set of multisampled images serves every swapchain image of this eye:
  // the eye's frames render one after another on one queue.
  const auto attachments =
      std::make_shared<const render::MultisampleAttachments>(context_, format, extent_, fmt::format("eye {}", eye_));
  const std::size_t depth_count = depth_ ? depth_->size() : 1;
  for (std::size_t colour_index = 0; colour_index < colour_->size(); ++colour_index) {
    for (std::size_t depth_index = 0; depth_index < depth_count; ++depth_index) {
      const VkImageView depth_view = depth_ ? depth_->view(depth_index) : VK_NULL_HANDLE;
      targets_.push_back(std::make_unique<render::FrameTarget>(
          context_, render_pass, attachments, colour_->view(colour_index),
          fmt::format("eye {} image {} depth {}", eye_, colour_index, depth_index), depth_view));
    }
  }
}

const render::FrameTarget& Swapchain::acquire() {
  colour_index_ = colour_->acquire();
  depth_index_ = depth_ ? depth_->acquire() : 0;
  const std::size_t depth_count = depth_ ? depth_->size() : 1;
  return *targets_.at(colour_index_ * depth_count + depth_index_);
}

void Swapchain::release() {
  colour_->release();
  if (depth_) {
    depth_->release();
  }
}

}  // namespace stillwater::xr

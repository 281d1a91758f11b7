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
                     std::uint32_t eye)
    : context_(context), extent_(extent), format_(format), eye_(eye) {
  XrSwapchainCreateInfo info{XR_TYPE_SWAPCHAIN_CREATE_INFO};
  // Transfer source lets the first eye's image be copied for the mirror.
  info.usageFlags = XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT | XR_SWAPCHAIN_USAGE_TRANSFER_SRC_BIT;
  info.format = static_cast<std::int64_t>(format);
  info.sampleCount = 1;
  info.width = extent.width;
  info.height = extent.height;
  info.faceCount = 1;
  info.arraySize = 1;
  info.mipCount = 1;
  xr_check(xrCreateSwapchain(session, &info, &swapchain_),
           fmt::format("xrCreateSwapchain (eye {}, {}x{} {})", eye, extent.width, extent.height,
                       render::format_name(format)));

  std::uint32_t count = 0;
  xr_check(xrEnumerateSwapchainImages(swapchain_, 0, &count, nullptr), "xrEnumerateSwapchainImages");
  images_.assign(count, {XR_TYPE_SWAPCHAIN_IMAGE_VULKAN2_KHR, nullptr, VK_NULL_HANDLE});
  xr_check(xrEnumerateSwapchainImages(swapchain_, count, &count,
                                      reinterpret_cast<XrSwapchainImageBaseHeader*>(images_.data())),
           "xrEnumerateSwapchainImages");
  for (std::uint32_t index = 0; index < count; ++index) {
    context.set_name(images_[index].image, fmt::format("eye {} swapchain image {}", eye, index));
    views_.push_back(render::create_image_view(context, images_[index].image, format, VK_IMAGE_ASPECT_COLOR_BIT,
                                               fmt::format("eye {} swapchain view {}", eye, index)));
  }
}

Swapchain::~Swapchain() {
  targets_.clear();
  views_.clear();
  if (swapchain_ != XR_NULL_HANDLE) {
    if (const XrResult result = xrDestroySwapchain(swapchain_); XR_FAILED(result)) {
      spdlog::warn("xrDestroySwapchain (eye {}) failed with {}", eye_, xr_result_name(result));
    }
  }
}

void Swapchain::create_targets(VkRenderPass render_pass, const render::TargetFormat& format) {
  targets_.clear();
  // One set of multisampled images serves every swapchain image of this eye:
  // the eye's frames render one after another on one queue.
  const auto attachments =
      std::make_shared<const render::MultisampleAttachments>(context_, format, extent_, fmt::format("eye {}", eye_));
  for (std::size_t index = 0; index < views_.size(); ++index) {
    targets_.push_back(std::make_unique<render::FrameTarget>(context_, render_pass, attachments, views_[index].get(),
                                                             fmt::format("eye {} image {}", eye_, index)));
  }
}

const render::FrameTarget& Swapchain::acquire() {
  std::uint32_t index = 0;
  XrSwapchainImageAcquireInfo acquire_info{XR_TYPE_SWAPCHAIN_IMAGE_ACQUIRE_INFO};
  xr_check(xrAcquireSwapchainImage(swapchain_, &acquire_info, &index), "xrAcquireSwapchainImage");

  XrSwapchainImageWaitInfo wait_info{XR_TYPE_SWAPCHAIN_IMAGE_WAIT_INFO};
  wait_info.timeout = XR_INFINITE_DURATION;
  xr_check(xrWaitSwapchainImage(swapchain_, &wait_info), "xrWaitSwapchainImage");
  acquired_ = index;
  return *targets_.at(index);
}

void Swapchain::release() {
  XrSwapchainImageReleaseInfo info{XR_TYPE_SWAPCHAIN_IMAGE_RELEASE_INFO};
  xr_check(xrReleaseSwapchainImage(swapchain_, &info), "xrReleaseSwapchainImage");
}

}  // namespace stillwater::xr

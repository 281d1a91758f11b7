#include "xr/swapchain_images.hpp"

#include "render/resources.hpp"
#include "xr/xr_check.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

namespace stillwater::xr {

SwapchainImages::SwapchainImages(XrSession session, const render::Context& context, const SwapchainImagesSpec& spec)
    : label_(spec.label) {
  XrSwapchainCreateInfo info{XR_TYPE_SWAPCHAIN_CREATE_INFO};
  info.usageFlags = spec.usage;
  info.format = static_cast<std::int64_t>(spec.format);
  info.sampleCount = 1;
  info.width = spec.extent.width;
  info.height = spec.extent.height;
  info.faceCount = 1;
  info.arraySize = 1;
  info.mipCount = 1;
  xr_check(xrCreateSwapchain(session, &info, &swapchain_),
           fmt::format("xrCreateSwapchain ({}, {}x{} {})", label_, spec.extent.width, spec.extent.height,
                       render::format_name(spec.format)));

  // The destructor does not run when the constructor throws, so the
  // swapchain is destroyed here if its images cannot be listed.
  try {
    std::uint32_t count = 0;
    xr_check(xrEnumerateSwapchainImages(swapchain_, 0, &count, nullptr),
             fmt::format("xrEnumerateSwapchainImages ({})", label_));
    images_.assign(count, {XR_TYPE_SWAPCHAIN_IMAGE_VULKAN2_KHR, nullptr, VK_NULL_HANDLE});
    xr_check(xrEnumerateSwapchainImages(swapchain_, count, &count,
                                        reinterpret_cast<XrSwapchainImageBaseHeader*>(images_.data())),
             fmt::format("xrEnumerateSwapchainImages ({})", label_));
    for (std::uint32_t index = 0; index < count; ++index) {
      context.set_name(images_[index].image, fmt::format("{} swapchain image {}", label_, index));
      views_.push_back(render::create_image_view(context, images_[index].image, spec.format, spec.aspect,
                                                 fmt::format("{} swapchain view {}", label_, index)));
    }
  } catch (...) {
    views_.clear();
    if (const XrResult result = xrDestroySwapchain(swapchain_); XR_FAILED(result)) {
      spdlog::warn("xrDestroySwapchain ({}) failed with {}", label_, xr_result_name(result));
    }
    throw;
  }
}

SwapchainImages::~SwapchainImages() {
  views_.clear();
  if (const XrResult result = xrDestroySwapchain(swapchain_); XR_FAILED(result)) {
    spdlog::warn("xrDestroySwapchain ({}) failed with {}", label_, xr_result_name(result));
  }
}

std::uint32_t SwapchainImages::acquire() {
  std::uint32_t index = 0;
  XrSwapchainImageAcquireInfo acquire_info{XR_TYPE_SWAPCHAIN_IMAGE_ACQUIRE_INFO};
  xr_check(xrAcquireSwapchainImage(swapchain_, &acquire_info, &index),
           fmt::format("xrAcquireSwapchainImage ({})", label_));

  XrSwapchainImageWaitInfo wait_info{XR_TYPE_SWAPCHAIN_IMAGE_WAIT_INFO};
  wait_info.timeout = XR_INFINITE_DURATION;
  xr_check(xrWaitSwapchainImage(swapchain_, &wait_info), fmt::format("xrWaitSwapchainImage ({})", label_));
  return index;
}

void SwapchainImages::release() {
  XrSwapchainImageReleaseInfo info{XR_TYPE_SWAPCHAIN_IMAGE_RELEASE_INFO};
  xr_check(xrReleaseSwapchainImage(swapchain_, &info), fmt::format("xrReleaseSwapchainImage ({})", label_));
}

}  // namespace stillwater::xr

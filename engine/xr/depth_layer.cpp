#include "xr/depth_layer.hpp"

#include "render/frame_target.hpp"

#include <openxr/openxr.h>

#include <algorithm>
#include <array>

namespace stillwater::xr {

namespace {

constexpr std::array<VkFormat, 3> kDepthFormats{VK_FORMAT_D32_SFLOAT, VK_FORMAT_X8_D24_UNORM_PACK32,
                                                VK_FORMAT_D16_UNORM};

}  // namespace

DeviceDepthSupport query_device_depth_support(const render::Context& context) {
  DeviceDepthSupport support;
  for (const VkFormat format : kDepthFormats) {
    VkFormatProperties properties{};
    vkGetPhysicalDeviceFormatProperties(context.physical_device(), format, &properties);
    if ((properties.optimalTilingFeatures & VK_FORMAT_FEATURE_DEPTH_STENCIL_ATTACHMENT_BIT) != 0) {
      support.attachment_formats.push_back(format);
    }
  }
  support.resolve_modes = render::supported_depth_resolve_modes(context);
  return support;
}

DepthLayerPlan plan_depth_layer(bool extension_enabled, const std::vector<std::int64_t>& offered_formats,
                                const DeviceDepthSupport& device) {
  DepthLayerPlan plan;
  if (!extension_enabled) {
    plan.reason = "the OpenXR runtime does not offer " XR_KHR_COMPOSITION_LAYER_DEPTH_EXTENSION_NAME;
    return plan;
  }

  if ((device.resolve_modes & VK_RESOLVE_MODE_MIN_BIT) != 0U) {
    plan.resolve = VK_RESOLVE_MODE_MIN_BIT;
  } else if ((device.resolve_modes & VK_RESOLVE_MODE_SAMPLE_ZERO_BIT) != 0U) {
    plan.resolve = VK_RESOLVE_MODE_SAMPLE_ZERO_BIT;
  } else {
    plan.reason = "the Vulkan device cannot resolve multisampled depth (it needs Vulkan 1.2)";
    return plan;
  }

  for (const VkFormat format : kDepthFormats) {
    const bool offered = std::find(offered_formats.begin(), offered_formats.end(),
                                   static_cast<std::int64_t>(format)) != offered_formats.end();
    const bool renderable = std::find(device.attachment_formats.begin(), device.attachment_formats.end(), format) !=
                            device.attachment_formats.end();
    if (offered && renderable) {
      plan.format = format;
      return plan;
    }
  }

  plan.resolve = VK_RESOLVE_MODE_NONE;
  plan.reason = "the OpenXR runtime offers no depth swapchain format that the Vulkan device can render to "
                "(Stillwater uses D32_SFLOAT, X8_D24_UNORM_PACK32 or D16_UNORM)";
  return plan;
}

}  // namespace stillwater::xr

#pragma once

#include "render/context.hpp"

#include <vulkan/vulkan.h>

#include <cstdint>
#include <string>
#include <vector>

namespace stillwater::xr {

// The Vulkan device's support for rendering a depth layer.
struct DeviceDepthSupport {
  // Depth-only formats usable as an optimally tiled depth attachment.
  std::vector<VkFormat> attachment_formats;
  // Modes for resolving multisampled depth in a render pass; none before
  // Vulkan 1.2.
  VkResolveModeFlags resolve_modes = 0;
};

DeviceDepthSupport query_device_depth_support(const render::Context& context);

// Whether a session submits depth with its projection layer
// (XR_KHR_composition_layer_depth), and how.
struct DepthLayerPlan {
  // The depth swapchain format, also used for the multisampled depth
  // attachment; UNDEFINED when no depth is submitted.
  VkFormat format = VK_FORMAT_UNDEFINED;
  VkResolveModeFlagBits resolve = VK_RESOLVE_MODE_NONE;
  // The reason no depth is submitted, or empty when depth is submitted.
  std::string reason;

  [[nodiscard]] bool submits_depth() const { return format != VK_FORMAT_UNDEFINED; }
};

// Chooses the depth format and resolve mode from what the runtime offers
// and the device supports. Depth-only formats are preferred, in the order
// D32_SFLOAT, X8_D24_UNORM_PACK32, D16_UNORM, so no stencil has to be
// resolved. MIN is preferred over SAMPLE_ZERO: with depth growing away from
// the eye it keeps the nearest surface at an edge, not an average of two.
DepthLayerPlan plan_depth_layer(bool extension_enabled, const std::vector<std::int64_t>& offered_formats,
                                const DeviceDepthSupport& device);

}  // namespace stillwater::xr

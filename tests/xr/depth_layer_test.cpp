#include "xr/depth_layer.hpp"

#include <catch2/catch.hpp>

#include <vector>

using stillwater::xr::DeviceDepthSupport;
using stillwater::xr::plan_depth_layer;

namespace {

DeviceDepthSupport full_device() {
  DeviceDepthSupport device;
  device.attachment_formats = {VK_FORMAT_D32_SFLOAT, VK_FORMAT_X8_D24_UNORM_PACK32, VK_FORMAT_D16_UNORM};
  device.resolve_modes = VK_RESOLVE_MODE_SAMPLE_ZERO_BIT | VK_RESOLVE_MODE_MIN_BIT | VK_RESOLVE_MODE_MAX_BIT;
  return device;
}

const std::vector<std::int64_t> kMonadoLike{VK_FORMAT_R8G8B8A8_SRGB, VK_FORMAT_D16_UNORM, VK_FORMAT_D32_SFLOAT,
                                            VK_FORMAT_D24_UNORM_S8_UINT};

}  // namespace

TEST_CASE("depth layer prefers D32 with MIN resolve", "[xr][depth]") {
  const auto plan = plan_depth_layer(true, kMonadoLike, full_device());
  REQUIRE(plan.submits_depth());
  CHECK(plan.format == VK_FORMAT_D32_SFLOAT);
  CHECK(plan.resolve == VK_RESOLVE_MODE_MIN_BIT);
  CHECK(plan.reason.empty());
}

TEST_CASE("depth layer falls back to a renderable format", "[xr][depth]") {
  DeviceDepthSupport device = full_device();
  device.attachment_formats = {VK_FORMAT_D16_UNORM};
  device.resolve_modes = VK_RESOLVE_MODE_SAMPLE_ZERO_BIT;
  const auto plan = plan_depth_layer(true, kMonadoLike, device);
  REQUIRE(plan.submits_depth());
  CHECK(plan.format == VK_FORMAT_D16_UNORM);
  CHECK(plan.resolve == VK_RESOLVE_MODE_SAMPLE_ZERO_BIT);
}

TEST_CASE("depth layer skips stencil formats", "[xr][depth]") {
  // Only a combined depth-stencil format offered: resolving it would need a
  // stencil resolve too, so no depth is sent.
  const auto plan = plan_depth_layer(true, {VK_FORMAT_R8G8B8A8_SRGB, VK_FORMAT_D24_UNORM_S8_UINT}, full_device());
  CHECK_FALSE(plan.submits_depth());
  CHECK(plan.resolve == VK_RESOLVE_MODE_NONE);
  CHECK(plan.reason ==
        "the OpenXR runtime offers no depth swapchain format that the Vulkan device can render to (Stillwater uses "
        "D32_SFLOAT, X8_D24_UNORM_PACK32 or D16_UNORM)");
}

TEST_CASE("depth layer without the extension", "[xr][depth]") {
  const auto plan = plan_depth_layer(false, kMonadoLike, full_device());
  CHECK_FALSE(plan.submits_depth());
  CHECK(plan.format == VK_FORMAT_UNDEFINED);
  CHECK(plan.reason == "the OpenXR runtime does not offer XR_KHR_composition_layer_depth");
}

TEST_CASE("depth layer without depth resolve", "[xr][depth]") {
  DeviceDepthSupport device = full_device();
  device.resolve_modes = 0;
  const auto plan = plan_depth_layer(true, kMonadoLike, device);
  CHECK_FALSE(plan.submits_depth());
  CHECK(plan.reason == "the Vulkan device cannot resolve multisampled depth (it needs Vulkan 1.2)");
}

#include "xr/swapchain.hpp"

#include <catch2/catch.hpp>

#include <vector>

using stillwater::xr::choose_swapchain_format;

TEST_CASE("swapchain format prefers RGBA sRGB", "[xr][format]") {
  const std::vector<std::int64_t> offered{VK_FORMAT_R16G16B16A16_SFLOAT, VK_FORMAT_B8G8R8A8_SRGB,
                                          VK_FORMAT_R8G8B8A8_SRGB};
  CHECK(choose_swapchain_format(offered) == VK_FORMAT_R8G8B8A8_SRGB);
}

TEST_CASE("swapchain format falls back to BGRA sRGB", "[xr][format]") {
  CHECK(choose_swapchain_format({VK_FORMAT_R8G8B8A8_UNORM, VK_FORMAT_B8G8R8A8_SRGB}) == VK_FORMAT_B8G8R8A8_SRGB);
}

TEST_CASE("swapchain format rejects UNORM only", "[xr][format]") {
  // UNORM would skip the sRGB encoding and show every colour too dark.
  CHECK_THROWS_WITH(choose_swapchain_format({VK_FORMAT_R8G8B8A8_UNORM, VK_FORMAT_R16G16B16A16_SFLOAT}),
                    "the OpenXR runtime offers no usable swapchain format: Stillwater needs R8G8B8A8_SRGB or "
                    "B8G8R8A8_SRGB, the runtime offers R8G8B8A8_UNORM, R16G16B16A16_SFLOAT");
  CHECK_THROWS_WITH(choose_swapchain_format({}), Catch::Contains("the runtime offers none"));
}

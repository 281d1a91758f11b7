#include "render/offscreen_renderer.hpp"
#include "support/render_fixture.hpp"

#include <catch2/catch.hpp>
#include <glm/glm.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

using namespace stillwater;
using stillwater::test::require_no_new_validation_messages;
using stillwater::test::shared_context;

namespace {

// Relative luminance of an sRGB-encoded pixel, 0 to 1 (WCAG 2 definition).
double luminance(const core::Rgba8Image& image, std::uint32_t x, std::uint32_t y) {
  const auto offset = image.offset(x, y);
  const auto linear = [&](int channel) {
    const double c = image.pixels[offset + static_cast<std::size_t>(channel)] / 255.0;
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * linear(0) + 0.7152 * linear(1) + 0.0722 * linear(2);
}

render::View level_view(VkExtent2D extent) {
  render::View view;
  view.fov = render::symmetric_fov(glm::radians(60.0F),
                                   static_cast<float>(extent.width) / static_cast<float>(extent.height));
  return view;
}

}  // namespace

TEST_CASE("solid colours read back exactly in RGBA and BGRA", "[render][offscreen]") {
  auto& context = shared_context();
  const auto before = context.validation_report().total();

  const VkFormat format = GENERATE(VK_FORMAT_R8G8B8A8_SRGB, VK_FORMAT_B8G8R8A8_SRGB);
  INFO("format: " << render::format_name(format));
  render::OffscreenRenderer renderer(context, {16, 8}, format);

  // Distinct channel values catch a swapped red and blue; the set spans the
  // sRGB curve's linear toe and its power segment.
  const std::vector<std::array<int, 3>> colours{
      {255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {200, 100, 50}, {1, 10, 128}, {254, 3, 77}, {0, 0, 0}, {255, 255, 255}};
  for (const auto& colour : colours) {
    INFO("colour: " << colour[0] << "," << colour[1] << "," << colour[2]);
    const core::Rgba8Image image = renderer.render_solid(
        glm::vec4(static_cast<float>(colour[0]) / 255.0F, static_cast<float>(colour[1]) / 255.0F,
                  static_cast<float>(colour[2]) / 255.0F, 1.0F));
    REQUIRE(image.width == 16);
    REQUIRE(image.height == 8);
    for (std::uint32_t y = 0; y < image.height; ++y) {
      for (std::uint32_t x = 0; x < image.width; ++x) {
        const auto offset = image.offset(x, y);
        REQUIRE(static_cast<int>(image.pixels[offset + 0]) == colour[0]);
        REQUIRE(static_cast<int>(image.pixels[offset + 1]) == colour[1]);
        REQUIRE(static_cast<int>(image.pixels[offset + 2]) == colour[2]);
        REQUIRE(static_cast<int>(image.pixels[offset + 3]) == 255);
      }
    }
  }
  require_no_new_validation_messages(before);
}

TEST_CASE("every 8-bit sRGB level survives the round trip", "[render][offscreen]") {
  auto& context = shared_context();
  const auto before = context.validation_report().total();
  render::OffscreenRenderer renderer(context, {4, 4}, VK_FORMAT_R8G8B8A8_SRGB);

  for (int level = 0; level < 256; ++level) {
    INFO("level: " << level);
    const float value = static_cast<float>(level) / 255.0F;
    const core::Rgba8Image image = renderer.render_solid(glm::vec4(value, value, value, 1.0F));
    REQUIRE(static_cast<int>(image.pixels[0]) == level);
  }
  require_no_new_validation_messages(before);
}

TEST_CASE("calm image is deterministic", "[render][offscreen]") {
  auto& context = shared_context();
  const auto before = context.validation_report().total();
  const VkExtent2D extent{320, 180};
  render::OffscreenRenderer renderer(context, extent);

  const core::Rgba8Image first = renderer.render(level_view(extent), render::FrameState{});
  const core::Rgba8Image second = renderer.render(level_view(extent), render::FrameState{});
  CHECK(first.pixels == second.pixels);

  // Waves move with time: a later moment must differ below the horizon.
  render::FrameState later;
  later.sky.time_s = 3.0F;
  const core::Rgba8Image moved = renderer.render(level_view(extent), later);
  CHECK(moved.pixels != first.pixels);
  require_no_new_validation_messages(before);
}

TEST_CASE("calm image BGRA matches RGBA", "[render][offscreen]") {
  auto& context = shared_context();
  const auto before = context.validation_report().total();
  const VkExtent2D extent{160, 90};
  render::OffscreenRenderer rgba(context, extent, VK_FORMAT_R8G8B8A8_SRGB);
  render::OffscreenRenderer bgra(context, extent, VK_FORMAT_B8G8R8A8_SRGB);
  CHECK(rgba.render(level_view(extent), {}).pixels == bgra.render(level_view(extent), {}).pixels);
  require_no_new_validation_messages(before);
}

TEST_CASE("calm image horizon is level and centred", "[render][offscreen]") {
  auto& context = shared_context();
  const auto before = context.validation_report().total();
  const VkExtent2D extent{400, 300};
  render::OffscreenRenderer renderer(context, extent);
  // Thick haze turns the whole sea into the haze colour, which is darker than
  // the sky just above the horizon, so the horizon is the one sharp edge.
  render::FrameState frame;
  frame.sky.wave_scale = 0.0F;
  frame.sky.fog_density_per_m = 10.0F;
  const core::Rgba8Image image = renderer.render(level_view(extent), frame);

  // In every column, the horizon is the row with the sharpest drop in
  // luminance from one row to the next.
  std::vector<std::uint32_t> horizon_rows;
  for (std::uint32_t x = 10; x < extent.width; x += 20) {
    std::uint32_t best_row = 0;
    double best_drop = 0.0;
    for (std::uint32_t y = 1; y < extent.height; ++y) {
      const double drop = luminance(image, x, y - 1) - luminance(image, x, y);
      if (drop > best_drop) {
        best_drop = drop;
        best_row = y;
      }
    }
    horizon_rows.push_back(best_row);
  }

  const auto [lowest, highest] = std::minmax_element(horizon_rows.begin(), horizon_rows.end());
  INFO("horizon rows from " << *lowest << " to " << *highest);
  CHECK(*highest - *lowest <= 1);
  CHECK(std::abs(static_cast<int>(*lowest) - static_cast<int>(extent.height / 2)) <= 1);
  require_no_new_validation_messages(before);
}

TEST_CASE("calm image has sky above and sea below", "[render][offscreen]") {
  auto& context = shared_context();
  const VkExtent2D extent{320, 240};
  render::OffscreenRenderer renderer(context, extent);
  const core::Rgba8Image image = renderer.render(level_view(extent), {});

  // Upper sky: bluer than red. Sea near the viewer: darker than the sky.
  const auto zenith = image.offset(extent.width - 20, 5);
  CHECK(image.pixels[zenith + 2] > image.pixels[zenith + 0]);
  CHECK(luminance(image, extent.width - 20, extent.height - 5) < luminance(image, extent.width - 20, 5));
}

TEST_CASE("sun disc is the brightest spot where it should be", "[render][offscreen]") {
  auto& context = shared_context();
  const VkExtent2D extent{320, 240};
  render::OffscreenRenderer renderer(context, extent);
  render::FrameState frame;
  frame.sky.sun_elevation_deg = 10.0F;
  frame.sky.sun_azimuth_deg = 0.0F;
  frame.sky.wave_scale = 0.0F;
  const core::Rgba8Image image = renderer.render(level_view(extent), frame);

  std::uint32_t brightest_x = 0;
  std::uint32_t brightest_y = 0;
  double brightest = -1.0;
  for (std::uint32_t y = 0; y < extent.height / 2; ++y) {
    for (std::uint32_t x = 0; x < extent.width; ++x) {
      if (const double value = luminance(image, x, y); value > brightest) {
        brightest = value;
        brightest_x = x;
        brightest_y = y;
      }
    }
  }

  // Straight ahead, 10 degrees up: tan(10) / tan(30) of the half height above centre.
  const double expected_y = extent.height / 2.0 * (1.0 - std::tan(glm::radians(10.0)) / std::tan(glm::radians(30.0)));
  CHECK(std::abs(static_cast<double>(brightest_x) - extent.width / 2.0) <= 3.0);
  CHECK(std::abs(static_cast<double>(brightest_y) - expected_y) <= 3.0);
  CHECK(brightest > 0.9);
}

TEST_CASE("check_extent rejects sizes beyond the device", "[render][offscreen]") {
  auto& context = shared_context();
  const std::uint32_t limit = context.properties().limits.maxImageDimension2D;
  CHECK_THROWS_WITH(render::check_extent(context, {limit + 1, 16}), Catch::Contains(std::to_string(limit)));
  CHECK_THROWS_WITH(render::check_extent(context, {0, 16}), Catch::Contains("at least 1 pixel"));
  CHECK_NOTHROW(render::check_extent(context, {limit, 1}));
}

TEST_CASE("offscreen rejects a format it cannot read back", "[render][offscreen]") {
  auto& context = shared_context();
  CHECK_THROWS_WITH(render::OffscreenRenderer(context, {8, 8}, VK_FORMAT_R8G8B8A8_UNORM),
                    Catch::Contains("R8G8B8A8_UNORM"));
}

TEST_CASE("comfort fade 0 is black", "[render][comfort]") {
  auto& context = shared_context();
  const auto before = context.validation_report().total();
  const VkExtent2D extent{64, 48};
  render::OffscreenRenderer renderer(context, extent);
  render::FrameState frame;
  frame.comfort.fade = 0.0F;
  const core::Rgba8Image image = renderer.render(level_view(extent), frame);
  for (std::size_t offset = 0; offset < image.pixels.size(); offset += 4) {
    REQUIRE(image.pixels[offset + 0] == 0);
    REQUIRE(image.pixels[offset + 1] == 0);
    REQUIRE(image.pixels[offset + 2] == 0);
  }
  require_no_new_validation_messages(before);
}

TEST_CASE("comfort brightness scales light linearly", "[render][comfort]") {
  auto& context = shared_context();
  const VkExtent2D extent{64, 48};
  render::OffscreenRenderer renderer(context, extent);
  const core::Rgba8Image full = renderer.render(level_view(extent), {});
  render::FrameState dim;
  dim.comfort.brightness = 0.5F;
  const core::Rgba8Image half = renderer.render(level_view(extent), dim);

  // Sky pixels: bright enough that 8-bit rounding stays small.
  for (std::uint32_t x = 0; x < extent.width; x += 8) {
    INFO("column " << x);
    CHECK(luminance(half, x, 4) == Approx(0.5 * luminance(full, x, 4)).epsilon(0.04));
  }
}

TEST_CASE("comfort warm colour lowers blue", "[render][comfort]") {
  auto& context = shared_context();
  const VkExtent2D extent{64, 48};
  render::OffscreenRenderer renderer(context, extent);
  const core::Rgba8Image neutral = renderer.render(level_view(extent), {});
  render::FrameState warm_frame;
  warm_frame.comfort.warm_colour = true;
  const core::Rgba8Image warm = renderer.render(level_view(extent), warm_frame);

  const auto offset = neutral.offset(40, 4);
  CHECK(warm.pixels[offset + 0] == neutral.pixels[offset + 0]);
  CHECK(warm.pixels[offset + 2] < neutral.pixels[offset + 2]);
}

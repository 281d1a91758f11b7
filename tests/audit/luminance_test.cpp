#include "audit/luminance_flashes.hpp"
#include "audit/relative_luminance.hpp"
#include "core/calmness_limits.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <stdexcept>
#include <vector>

using namespace stillwater;

namespace {

core::Rgba8Image solid(std::uint32_t width, std::uint32_t height, std::uint8_t red, std::uint8_t green,
                       std::uint8_t blue) {
  core::Rgba8Image image{width, height, std::vector<std::uint8_t>(static_cast<std::size_t>(width) * height * 4)};
  for (std::size_t offset = 0; offset < image.pixels.size(); offset += 4) {
    image.pixels[offset] = red;
    image.pixels[offset + 1] = green;
    image.pixels[offset + 2] = blue;
    image.pixels[offset + 3] = 255;
  }
  return image;
}

// Whole-picture luminance sampled at `frames_per_second` for `seconds`.
audit::FlashSummary count_flashes(double frames_per_second, double seconds, double (*luminance_at)(double)) {
  audit::FlashCounter counter(1);
  const auto frames = static_cast<int>(std::lround(seconds * frames_per_second));
  for (int frame = 0; frame < frames; ++frame) {
    const double time_s = frame / frames_per_second;
    const std::vector<double> regions{luminance_at(time_s)};
    counter.add_frame(time_s, regions);
  }
  return counter.summary();
}

double square_wave(double time_s, double hz) { return std::fmod(time_s * hz, 1.0) < 0.5 ? 0.05 : 0.6; }

}  // namespace

TEST_CASE("relative luminance of black, white, grey", "[audit][luminance]") {
  CHECK(audit::relative_luminance(0, 0, 0) == 0.0);
  CHECK(audit::relative_luminance(255, 255, 255) == Approx(1.0));
  // sRGB 50% grey is about 21.4% of white's light.
  CHECK(audit::relative_luminance(128, 128, 128) == Approx(0.2159).margin(0.0005));
  // Green carries most of the luminance, blue the least.
  CHECK(audit::relative_luminance(0, 255, 0) == Approx(0.7152));
  CHECK(audit::relative_luminance(0, 0, 255) == Approx(0.0722));
}

TEST_CASE("tile luminance finds a bright corner", "[audit][luminance]") {
  core::Rgba8Image image = solid(10, 6, 0, 0, 0);
  // The top-left 5x3 pixels are white: one tile of a 2x2 grid.
  for (std::uint32_t y = 0; y < 3; ++y) {
    for (std::uint32_t x = 0; x < 5; ++x) {
      std::fill_n(image.pixels.begin() + static_cast<std::ptrdiff_t>(image.offset(x, y)), 3, std::uint8_t{255});
    }
  }
  const std::vector<double> tiles = audit::tile_luminance(image, 2, 2);
  REQUIRE(tiles.size() == 4);
  CHECK(tiles[0] == Approx(1.0));
  CHECK(tiles[1] == 0.0);
  CHECK(tiles[2] == 0.0);
  CHECK(tiles[3] == 0.0);
  CHECK(audit::mean_relative_luminance(image) == Approx(0.25));
}

TEST_CASE("tile luminance rejects an empty grid", "[audit][luminance]") {
  const core::Rgba8Image image = solid(4, 4, 10, 10, 10);
  CHECK_THROWS_WITH(audit::tile_luminance(image, 0, 2), "cannot split a 4x4 image into 0x2 tiles");
  CHECK_THROWS_WITH(audit::tile_luminance(image, 5, 1), "cannot split a 4x4 image into 5x1 tiles");
}

TEST_CASE("4 Hz square flash breaks the limit", "[audit][flashes]") {
  const auto summary = count_flashes(20.0, 3.0, [](double time_s) { return square_wave(time_s, 4.0); });
  CHECK(summary.max_flashes_per_second == 4);
  CHECK(summary.max_flashes_per_second > core::kMaxFlashesPerSecond);
}

TEST_CASE("3 Hz square flash is at the limit", "[audit][flashes]") {
  // WCAG 2.3.1 allows three flashes in any second, so 3 Hz is the most a
  // picture may flash; it passes, and anything faster fails.
  const auto summary = count_flashes(30.0, 3.0, [](double time_s) { return square_wave(time_s, 3.0); });
  CHECK(summary.max_flashes_per_second == 3);
}

TEST_CASE("slow fade is no flash", "[audit][flashes]") {
  // From black to full white and back over 4 s: two changes, one flash.
  const auto summary = count_flashes(20.0, 4.0, [](double time_s) { return time_s < 2.0 ? time_s / 2.0 : 2.0 - time_s / 2.0; });
  CHECK(summary.max_flashes_per_second == 0);
  CHECK(summary.transitions == 2);
}

TEST_CASE("flicker below 10% is no flash", "[audit][flashes]") {
  const auto summary =
      count_flashes(20.0, 2.0, [](double time_s) { return std::fmod(time_s * 5.0, 1.0) < 0.5 ? 0.30 : 0.39; });
  CHECK(summary.transitions == 0);
}

TEST_CASE("flashes among bright light do not count", "[audit][flashes]") {
  // Both states at or above 0.8: the darker image is not below 0.8.
  const auto summary =
      count_flashes(20.0, 2.0, [](double time_s) { return std::fmod(time_s * 5.0, 1.0) < 0.5 ? 0.8 : 1.0; });
  CHECK(summary.transitions == 0);
}

TEST_CASE("flash in one region is found", "[audit][flashes]") {
  audit::FlashCounter counter(3);
  for (int frame = 0; frame < 40; ++frame) {
    const double time_s = frame / 20.0;
    const std::vector<double> regions{0.2, frame % 2 == 0 ? 0.0 : 0.5, 0.2};
    counter.add_frame(time_s, regions);
  }
  const auto summary = counter.summary();
  CHECK(summary.max_flashes_per_second == 10);
  CHECK(summary.worst_region == 1);
  CHECK(summary.worst_window_start_s == Approx(0.05));
}

TEST_CASE("flash counter rejects a wrong region count", "[audit][flashes]") {
  audit::FlashCounter counter(2);
  const std::vector<double> regions{0.1};
  CHECK_THROWS_WITH(counter.add_frame(0.0, regions), "a frame of 1 regions was added to a flash counter of 2 regions");
}

TEST_CASE("luminance change per second", "[audit][luminance]") {
  audit::LuminanceChangeMeter meter;
  meter.add_frame(0.0, 0.5);
  meter.add_frame(0.1, 0.45);
  meter.add_frame(0.2, 0.15);
  meter.add_frame(0.3, 0.15);
  CHECK(meter.max_change_per_second() == Approx(3.0));
  CHECK(meter.max_change_at_s() == Approx(0.2));
}

#include "audit/image_motion.hpp"

#include <catch2/catch.hpp>

#include <vector>

using namespace stillwater;

namespace {

core::Rgba8Image grey(std::uint32_t width, std::uint32_t height, std::uint8_t level) {
  core::Rgba8Image image{width, height, std::vector<std::uint8_t>(static_cast<std::size_t>(width) * height * 4, level)};
  return image;
}

}  // namespace

TEST_CASE("same pictures have no motion", "[audit][motion]") {
  const core::Rgba8Image picture = grey(8, 4, 90);
  CHECK(audit::mean_luma_difference(picture, picture) == 0.0);

  audit::ImageMotionMeter meter;
  meter.add_pair(picture, picture, 0.1);
  meter.add_pair(picture, picture, 0.1);
  CHECK(meter.per_second() == 0.0);
  CHECK(meter.pairs() == 2);
}

TEST_CASE("moving bar gives its luma change", "[audit][motion]") {
  // A white column of 8x4 moves one pixel right: 2 of 32 pixels change by 255.
  core::Rgba8Image before = grey(8, 4, 0);
  core::Rgba8Image after = grey(8, 4, 0);
  for (std::uint32_t y = 0; y < 4; ++y) {
    std::fill_n(before.pixels.begin() + static_cast<std::ptrdiff_t>(before.offset(2, y)), 3, std::uint8_t{255});
    std::fill_n(after.pixels.begin() + static_cast<std::ptrdiff_t>(after.offset(3, y)), 3, std::uint8_t{255});
  }
  CHECK(audit::mean_luma_difference(before, after) == Approx(255.0 * 8.0 / 32.0));

  audit::ImageMotionMeter meter;
  meter.add_pair(before, after, 0.1);
  CHECK(meter.per_second() == Approx(637.5));
}

TEST_CASE("image motion rejects different sizes", "[audit][motion]") {
  CHECK_THROWS_WITH(audit::mean_luma_difference(grey(8, 4, 0), grey(4, 8, 0)),
                    "cannot compare a 8x4 picture with a 4x8 one");
}

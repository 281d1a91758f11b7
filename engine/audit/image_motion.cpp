#include "audit/image_motion.hpp"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

namespace stillwater::audit {

namespace {

double luma(const std::uint8_t* pixel) { return 0.2126 * pixel[0] + 0.7152 * pixel[1] + 0.0722 * pixel[2]; }

}  // namespace

double mean_luma_difference(const core::Rgba8Image& before, const core::Rgba8Image& after) {
  if (before.width != after.width || before.height != after.height ||
      before.pixels.size() != after.pixels.size()) {
    throw std::invalid_argument(fmt::format("cannot compare a {}x{} picture with a {}x{} one", before.width,
                                            before.height, after.width, after.height));
  }
  const std::size_t pixels = before.pixels.size() / 4;
  if (pixels == 0) {
    return 0.0;
  }

  double total = 0.0;
  for (std::size_t offset = 0; offset < before.pixels.size(); offset += 4) {
    total += std::abs(luma(&after.pixels[offset]) - luma(&before.pixels[offset]));
  }
  return total / static_cast<double>(pixels);
}

void ImageMotionMeter::add_pair(const core::Rgba8Image& before, const core::Rgba8Image& after, double seconds) {
  total_change_ += mean_luma_difference(before, after);
  seconds_ += seconds;
  ++pairs_;
}

}  // namespace stillwater::audit

#pragma once

#include "core/image.hpp"

#include <cstddef>

namespace stillwater::audit {

// Mean absolute change per pixel of 8-bit luma (Rec. 709 weights on the
// sRGB-encoded values, 0 to 255) from `before` to `after`: a frame
// difference, which is 0 exactly when the pictures are the same. Throws
// std::invalid_argument when the sizes differ.
double mean_luma_difference(const core::Rgba8Image& before, const core::Rgba8Image& after);

// Image motion over many pairs of consecutive frames: the mean luma change
// per second of rendered time.
class ImageMotionMeter {
 public:
  // Adds one pair of frames `seconds` apart.
  void add_pair(const core::Rgba8Image& before, const core::Rgba8Image& after, double seconds);

  // Mean luma change per second over every pair; 0 before any.
  [[nodiscard]] double per_second() const { return seconds_ > 0.0 ? total_change_ / seconds_ : 0.0; }
  [[nodiscard]] std::size_t pairs() const { return pairs_; }
  [[nodiscard]] double seconds() const { return seconds_; }

 private:
  double total_change_ = 0.0;
  double seconds_ = 0.0;
  std::size_t pairs_ = 0;
};

}  // namespace stillwater::audit

#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <vector>

namespace stillwater::audit {

// Finds the changes in one region's relative luminance that count towards a
// flash under WCAG 2.3.1: a rise or fall by at least core::kFlashMinChange
// from the last extreme, where the darker state is below
// core::kFlashDarkerBelow. Rises and falls alternate, so any two consecutive
// transitions are a pair of opposing changes: one flash.
class TransitionFinder {
 public:
  // Adds the region's luminance at the next frame. Returns true when this
  // frame completes a transition.
  bool add(double luminance);

 private:
  enum class Direction { none, rising, falling };

  Direction last_ = Direction::none;
  // The lowest luminance since the last fall and the highest since the last
  // rise (both since the first frame before any transition).
  std::optional<double> low_;
  std::optional<double> high_;
};

// The worst one-second window of a sequence of frames.
struct FlashSummary {
  // Maximum flashes in any one-second window, over every region.
  int max_flashes_per_second = 0;
  // Start of that window, in seconds, and the region it was in.
  double worst_window_start_s = 0.0;
  std::size_t worst_region = 0;
  // Transitions found in all regions over the whole sequence.
  std::size_t transitions = 0;
};

// Counts flashes in every region of a sequence of frames, given in order of
// time.
class FlashCounter {
 public:
  explicit FlashCounter(std::size_t regions);

  // Adds one frame: its time in seconds and each region's relative
  // luminance. Throws std::invalid_argument when the region count differs
  // from the constructor's.
  void add_frame(double time_s, std::span<const double> region_luminance);

  [[nodiscard]] FlashSummary summary() const;

 private:
  std::vector<TransitionFinder> finders_;
  // Times of each region's transitions, in seconds.
  std::vector<std::vector<double>> transition_times_;
};

// Largest change of mean relative luminance between consecutive frames,
// divided by the time between them: luminance per second.
class LuminanceChangeMeter {
 public:
  void add_frame(double time_s, double mean_luminance);

  [[nodiscard]] double max_change_per_second() const { return max_change_per_second_; }
  // Time of the frame that ended the largest change, in seconds.
  [[nodiscard]] double max_change_at_s() const { return max_change_at_s_; }

 private:
  std::optional<double> last_time_s_;
  double last_luminance_ = 0.0;
  double max_change_per_second_ = 0.0;
  double max_change_at_s_ = 0.0;
};

}  // namespace stillwater::audit

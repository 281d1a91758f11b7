#include "audit/luminance_flashes.hpp"

#include "core/calmness_limits.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace stillwater::audit {

bool TransitionFinder::add(double luminance) {
  low_ = std::min(low_.value_or(luminance), luminance);
  high_ = std::max(high_.value_or(luminance), luminance);

  if (last_ != Direction::rising && luminance - *low_ >= core::kFlashMinChange && *low_ < core::kFlashDarkerBelow) {
    last_ = Direction::rising;
    high_ = luminance;
    return true;
  }
  if (last_ != Direction::falling && *high_ - luminance >= core::kFlashMinChange &&
      luminance < core::kFlashDarkerBelow) {
    last_ = Direction::falling;
    low_ = luminance;
    return true;
  }
  return false;
}

FlashCounter::FlashCounter(std::size_t regions) : finders_(regions), transition_times_(regions) {}

void FlashCounter::add_frame(double time_s, std::span<const double> region_luminance) {
  if (region_luminance.size() != finders_.size()) {
    throw std::invalid_argument(fmt::format("a frame of {} regions was added to a flash counter of {} regions",
                                            region_luminance.size(), finders_.size()));
  }
  for (std::size_t region = 0; region < finders_.size(); ++region) {
    if (finders_[region].add(region_luminance[region])) {
      transition_times_[region].push_back(time_s);
    }
  }
}

FlashSummary FlashCounter::summary() const {
  FlashSummary summary;
  for (std::size_t region = 0; region < transition_times_.size(); ++region) {
    const std::vector<double>& times = transition_times_[region];
    summary.transitions += times.size();

    // Every window that matters starts at a transition: [start, start + 1 s).
    std::size_t end = 0;
    for (std::size_t start = 0; start < times.size(); ++start) {
      end = std::max(end, start);
      while (end < times.size() && times[end] < times[start] + 1.0) {
        ++end;
      }
      const auto flashes = static_cast<int>((end - start) / 2);
      if (flashes > summary.max_flashes_per_second) {
        summary.max_flashes_per_second = flashes;
        summary.worst_window_start_s = times[start];
        summary.worst_region = region;
      }
    }
  }
  return summary;
}

void LuminanceChangeMeter::add_frame(double time_s, double mean_luminance) {
  if (last_time_s_ && time_s > *last_time_s_) {
    const double change = std::abs(mean_luminance - last_luminance_) / (time_s - *last_time_s_);
    if (change > max_change_per_second_) {
      max_change_per_second_ = change;
      max_change_at_s_ = time_s;
    }
  }
  last_time_s_ = time_s;
  last_luminance_ = mean_luminance;
}

}  // namespace stillwater::audit

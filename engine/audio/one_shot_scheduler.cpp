#include "audio/one_shot_scheduler.hpp"

#include <algorithm>

namespace stillwater::audio {

std::optional<double> one_shot_interval_scale(core::MotionLevel motion) {
  switch (motion) {
    case core::MotionLevel::still:
      return std::nullopt;
    case core::MotionLevel::gentle:
      return 2.0;
    case core::MotionLevel::lively:
      return 1.0;
  }
  return std::nullopt;
}

OneShotScheduler::OneShotScheduler(double interval_min_s, double interval_max_s, std::uint64_t seed)
    : interval_min_s_(std::max(0.1, std::min(interval_min_s, interval_max_s))),
      interval_max_s_(std::max(0.1, std::max(interval_min_s, interval_max_s))),
      random_(seed) {}

bool OneShotScheduler::poll(double time_s, core::MotionLevel motion) {
  const auto scale = one_shot_interval_scale(motion);
  if (!scale) {
    next_time_s_.reset();
    return false;
  }

  if (!next_time_s_) {
    next_time_s_ = time_s + random_.uniform(interval_min_s_, interval_max_s_) * *scale;
    return false;
  }
  if (time_s < *next_time_s_) {
    return false;
  }

  next_time_s_ = time_s + random_.uniform(interval_min_s_, interval_max_s_) * *scale;
  return true;
}

}  // namespace stillwater::audio

#pragma once

#include "audio/random.hpp"
#include "core/comfort.hpp"

#include <optional>

namespace stillwater::audio {

// How much longer the gaps between one-shots are at a motion level: gentle
// plays them half as often as the scene declares, lively as declared, and
// still plays none (nullopt).
std::optional<double> one_shot_interval_scale(core::MotionLevel motion);

// Decides when the one-shots of one source play: after a random gap within
// the source's interval range, scaled for the motion level. Deterministic
// for a given seed and sequence of calls.
class OneShotScheduler {
 public:
  OneShotScheduler(double interval_min_s, double interval_max_s, std::uint64_t seed);

  // Returns true when a sound is due at `time_s` and schedules the next one.
  // The first sound comes one gap after the first call; under still motion
  // nothing plays and the gap starts again once motion returns.
  bool poll(double time_s, core::MotionLevel motion);

  // The generator for what plays (which file, where, how loud), so one seed
  // decides the whole sequence.
  SeededRandom& random() { return random_; }

 private:
  double interval_min_s_;
  double interval_max_s_;
  SeededRandom random_;
  std::optional<double> next_time_s_;
};

}  // namespace stillwater::audio

#pragma once

namespace stillwater::core {

// A value that follows its target at a bounded rate, so a change never shows
// as a jump: at most `rate_per_s * dt_s` per step.
class Ramp {
 public:
  Ramp(float value, float rate_per_s) : value_(value), target_(value), rate_per_s_(rate_per_s) {}

  void set_target(float target) { target_ = target; }
  void set_rate(float rate_per_s) { rate_per_s_ = rate_per_s; }

  // Moves towards the target by at most the rate times `dt_s` seconds.
  float step(double dt_s) {
    const float max_step = rate_per_s_ * static_cast<float>(dt_s);
    const float difference = target_ - value_;
    if (difference <= max_step && difference >= -max_step) {
      // Lands exactly on the target, so settled() becomes true.
      value_ = target_;
    } else {
      value_ += difference > 0.0F ? max_step : -max_step;
    }
    return value_;
  }

  [[nodiscard]] float value() const { return value_; }
  [[nodiscard]] float target() const { return target_; }
  [[nodiscard]] bool settled() const { return value_ == target_; }

 private:
  float value_;
  float target_;
  float rate_per_s_;
};

}  // namespace stillwater::core

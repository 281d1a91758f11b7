#pragma once

#include <optional>
#include <string_view>

namespace stillwater::core {

// How lively every animation is: water, clouds, foliage, birds and one-shot
// sounds. Still stops all of them.
enum class MotionLevel { still, gentle, lively };

// Scale applied to every animation's speed and amplitude for a motion level.
constexpr float motion_scale(MotionLevel level) {
  switch (level) {
    case MotionLevel::still:
      return 0.0F;
    case MotionLevel::gentle:
      return 1.0F;
    case MotionLevel::lively:
      return 1.6F;
  }
  return 1.0F;
}

std::string_view to_string(MotionLevel level);
std::optional<MotionLevel> parse_motion_level(std::string_view text);

// The settings a nurse may change, with their defaults. Bounds for each live
// in ComfortBounds; a value outside them is rejected, never clamped silently.
struct ComfortSettings {
  // Ceiling on picture brightness, as a factor on the rendered light.
  float brightness = 1.0F;
  // Master volume as a factor on every sound, below the hard ceiling.
  float volume = 0.7F;
  MotionLevel motion = MotionLevel::gentle;
  // The patient's recline from upright, in degrees: 0 sitting, 90 lying flat.
  float recline_deg = 0.0F;
  // Reduces blue light for evening sessions.
  bool warm_colour = false;
  // The same image to both eyes, for double vision or sight in one eye.
  bool mono_view = false;
  bool breathing_guide = false;
  float breaths_per_minute = 6.0F;
  // Rise from black and silence at the start, in seconds.
  float fade_in_s = 8.0F;
  // Fade to black and silence when ending gently, in seconds.
  float fade_out_s = 20.0F;
};

struct Range {
  float min;
  float max;

  [[nodiscard]] constexpr bool contains(float value) const { return value >= min && value <= max; }
};

struct ComfortBounds {
  static constexpr Range brightness{0.2F, 1.0F};
  static constexpr Range volume{0.0F, 1.0F};
  static constexpr Range recline_deg{0.0F, 90.0F};
  static constexpr Range breaths_per_minute{3.0F, 12.0F};
  static constexpr Range fade_in_s{2.0F, 30.0F};
  static constexpr Range fade_out_s{5.0F, 60.0F};
};

// Longest time from a "stop now" press to black and silence, in seconds.
inline constexpr float kStopNowMaxSeconds = 1.0F;

}  // namespace stillwater::core

#pragma once

#include "core/comfort.hpp"

#include <optional>
#include <string>

namespace stillwater::core {

// A change to some of the comfort settings; fields left empty keep their
// current value.
struct ComfortPatch {
  std::optional<float> brightness = std::nullopt;
  std::optional<float> volume = std::nullopt;
  std::optional<MotionLevel> motion = std::nullopt;
  std::optional<float> recline_deg = std::nullopt;
  std::optional<bool> warm_colour = std::nullopt;
  std::optional<bool> mono_view = std::nullopt;
  std::optional<bool> breathing_guide = std::nullopt;
  std::optional<float> breaths_per_minute = std::nullopt;
  std::optional<float> fade_in_s = std::nullopt;
  std::optional<float> fade_out_s = std::nullopt;
};

// Returns a message naming the first field outside ComfortBounds, its value and
// the allowed range, or nothing when every field is within bounds. Values are
// never clamped: the caller rejects the whole change.
std::optional<std::string> find_out_of_bounds(const ComfortSettings& settings);

// Returns `settings` with the patch's fields written over it.
ComfortSettings apply_patch(ComfortSettings settings, const ComfortPatch& patch);

}  // namespace stillwater::core

#include "core/comfort_check.hpp"

#include <fmt/format.h>

#include <string_view>

namespace stillwater::core {

namespace {

std::optional<std::string> check(std::string_view field, float value, Range range, std::string_view unit) {
  if (range.contains(value)) {
    return std::nullopt;
  }
  return fmt::format("{} {}{} is outside the allowed range of {} to {}{}. Choose a value in that range.", field, value,
                     unit, range.min, range.max, unit);
}

}  // namespace

std::optional<std::string> find_out_of_bounds(const ComfortSettings& settings) {
  using Bounds = ComfortBounds;
  for (auto message : {
           check("brightness", settings.brightness, Bounds::brightness, ""),
           check("volume", settings.volume, Bounds::volume, ""),
           check("recline_deg", settings.recline_deg, Bounds::recline_deg, " degrees"),
           check("breaths_per_minute", settings.breaths_per_minute, Bounds::breaths_per_minute, ""),
           check("fade_in_s", settings.fade_in_s, Bounds::fade_in_s, " s"),
           check("fade_out_s", settings.fade_out_s, Bounds::fade_out_s, " s"),
       }) {
    if (message) {
      return message;
    }
  }
  return std::nullopt;
}

ComfortSettings apply_patch(ComfortSettings settings, const ComfortPatch& patch) {
  settings.brightness = patch.brightness.value_or(settings.brightness);
  settings.volume = patch.volume.value_or(settings.volume);
  settings.motion = patch.motion.value_or(settings.motion);
  settings.recline_deg = patch.recline_deg.value_or(settings.recline_deg);
  settings.warm_colour = patch.warm_colour.value_or(settings.warm_colour);
  settings.mono_view = patch.mono_view.value_or(settings.mono_view);
  settings.breathing_guide = patch.breathing_guide.value_or(settings.breathing_guide);
  settings.breaths_per_minute = patch.breaths_per_minute.value_or(settings.breaths_per_minute);
  settings.fade_in_s = patch.fade_in_s.value_or(settings.fade_in_s);
  settings.fade_out_s = patch.fade_out_s.value_or(settings.fade_out_s);
  return settings;
}

}  // namespace stillwater::core

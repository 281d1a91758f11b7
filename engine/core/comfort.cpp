#include "core/comfort.hpp"

namespace stillwater::core {

std::string_view to_string(MotionLevel level) {
  switch (level) {
    case MotionLevel::still:
      return "still";
    case MotionLevel::gentle:
      return "gentle";
    case MotionLevel::lively:
      return "lively";
  }
  return "gentle";
}

std::optional<MotionLevel> parse_motion_level(std::string_view text) {
  for (const MotionLevel level : {MotionLevel::still, MotionLevel::gentle, MotionLevel::lively}) {
    if (to_string(level) == text) {
      return level;
    }
  }
  return std::nullopt;
}

}  // namespace stillwater::core

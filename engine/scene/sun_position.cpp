#include "scene/sun_position.hpp"

#include <glm/glm.hpp>

#include <cmath>

namespace stillwater::scene {

SunPosition sun_position(const TimeOfDay& time) {
  constexpr float kTwoPi = 6.28318530718F;
  // Declination: the sun's angle north of the equator on this day.
  const float declination =
      glm::radians(-23.44F) * std::cos(kTwoPi / 365.0F * static_cast<float>(time.day_of_year + 10));
  // Hour angle: 15 degrees an hour, zero at solar noon.
  const float hour_angle = glm::radians(15.0F * (time.hour - 12.0F));
  const float latitude = glm::radians(time.latitude_deg);

  const float sin_elevation = std::sin(latitude) * std::sin(declination) +
                              std::cos(latitude) * std::cos(declination) * std::cos(hour_angle);
  const float elevation = std::asin(glm::clamp(sin_elevation, -1.0F, 1.0F));
  // Compass bearing of the sun, clockwise from north.
  const float bearing = std::atan2(-std::sin(hour_angle) * std::cos(declination),
                                   std::cos(latitude) * std::sin(declination) -
                                       std::sin(latitude) * std::cos(declination) * std::cos(hour_angle));

  float relative = glm::degrees(bearing) - time.heading_deg;
  relative = std::remainder(relative, 360.0F);
  return SunPosition{glm::degrees(elevation), relative};
}

}  // namespace stillwater::scene

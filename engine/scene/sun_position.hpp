#pragma once

#include "scene/scene.hpp"

namespace stillwater::scene {

// Where the sun stands, in degrees: elevation above the horizon (negative
// below it) and azimuth clockwise from the direction the viewer faces.
struct SunPosition {
  float elevation_deg = 0.0F;
  float azimuth_deg = 0.0F;
};

// The sun's position for a time of day, from the solar declination and hour
// angle; accurate to about a degree, which is all a calm scene needs.
SunPosition sun_position(const TimeOfDay& time);

}  // namespace stillwater::scene

#pragma once

#include "core/comfort.hpp"
#include "scene/sound.hpp"

#include <glm/glm.hpp>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace stillwater::scene {

// Colours are linear RGB, 0 to 1 per channel; scene files write them as
// sRGB "#rrggbb" and the loader converts them.

// When and where the scene happens, which places the sun and stars.
struct TimeOfDay {
  // Local solar time in hours, 0 to 24: 12 puts the sun due south (north of
  // the equator).
  float hour = 12.0F;
  // 1 to 366; 172 is midsummer in the northern hemisphere.
  int day_of_year = 172;
  // Degrees north (positive) or south (negative) of the equator.
  float latitude_deg = 51.5F;
  // Compass bearing the viewer faces, degrees clockwise from north.
  float heading_deg = 0.0F;
};

struct Sky {
  // Haze in the air, 0 (crystal clear) to 1 (milky): whitens the horizon.
  float haze = 0.3F;
  // Share of the sky that clouds cover, 0 to 1.
  float cloud_cover = 0.3F;
  // Drift of the clouds at the gentle motion level, metres per second.
  float cloud_speed_m_s = 3.0F;
  // Brightness of the stars once the sun is well below the horizon, 0 to 1.
  float star_brightness = 1.0F;
  // Exposure multiplier before tone mapping.
  float exposure = 1.0F;
};

struct Fog {
  // Extinction per metre of distance: 0.002 leaves about 500 m clear.
  float density_per_m = 0.002F;
};

// A water surface at one height that shows wherever the terrain dips below it.
struct Water {
  // Height of the surface relative to the ground under the viewer, metres.
  float level_m = -0.5F;
  // Height of the gentle waves at the gentle motion level, metres.
  float wave_height_m = 0.05F;
  glm::vec3 colour{0.010F, 0.045F, 0.060F};
};

// A height field around the viewer. Ground under the viewer is at height 0.
struct Terrain {
  // Height of the hills, metres, and their typical width, metres.
  float hill_height_m = 8.0F;
  float hill_size_m = 150.0F;
  // Radius around the viewer kept almost flat, metres.
  float flat_radius_m = 20.0F;
  // Distance ahead at which the ground slopes down below the water; 0 keeps
  // dry land ahead.
  float shore_distance_m = 0.0F;
  // Distance ahead at which land rises out of the water again; 0 means open
  // water to the horizon.
  float far_shore_distance_m = 0.0F;
  // A stream crossing from left to right this far ahead, metres; 0 for none.
  float stream_distance_m = 0.0F;
  float stream_width_m = 2.0F;
  glm::vec3 ground_colour{0.10F, 0.20F, 0.04F};
  // Colour of the strip along water's edge: sand, shingle or mud.
  glm::vec3 shore_colour{0.55F, 0.45F, 0.30F};
  std::uint32_t seed = 1;
};

enum class TreeKind { broadleaf, conifer };

// Plants drawn procedurally over the terrain.
struct Vegetation {
  // Share of the land, beyond the clearing around the viewer, that trees
  // cover, 0 to 1.
  float tree_density = 0.0F;
  TreeKind tree_kind = TreeKind::broadleaf;
  // Radius of the clearing around the viewer that has no trees, metres.
  float clearing_radius_m = 25.0F;
  // Grass cover of the ground, 0 to 1.
  float grass_density = 0.5F;
  // Flowers in the grass, 0 to 1, and their colours.
  float flower_density = 0.0F;
  std::vector<glm::vec3> flower_colours;
  // Strength of the breeze that sways plants at the gentle motion level, 0 to 1.
  float wind_strength = 0.3F;
};

// A glTF model placed in the scene.
struct Model {
  std::filesystem::path file;
  glm::vec3 position_m{0.0F};
  // Turn about the vertical axis, degrees clockwise seen from above.
  float yaw_deg = 0.0F;
  float scale = 1.0F;
};

// An equirectangular 360-degree photo around the viewer, replacing every
// procedural element.
struct Photo {
  std::filesystem::path file;
  // Which part of the photo is straight ahead: degrees clockwise from the
  // photo's centre.
  float yaw_deg = 0.0F;
};

struct Viewpoint {
  // Height of the eyes above the ground for a sitting and a lying patient,
  // metres; reclined postures blend between them.
  float eye_height_sitting_m = 1.2F;
  float eye_height_lying_m = 0.8F;
};

// One scene as its file describes it, after validation. Plain data: every
// path is absolute and every value is inside its documented range.
struct Scene {
  std::filesystem::path source;
  std::string name;
  // What the nurse reads when choosing the scene.
  std::string description;

  TimeOfDay time;
  Sky sky;
  Fog fog;
  std::optional<Water> water;
  std::optional<Terrain> terrain;
  Vegetation vegetation;
  std::vector<Model> models;
  std::optional<Photo> photo;
  Viewpoint viewpoint;
  Soundscape sound;
  core::ComfortSettings comfort;
};

}  // namespace stillwater::scene

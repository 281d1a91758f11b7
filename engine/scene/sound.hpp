#pragma once

#include <glm/glm.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace stillwater::scene {

enum class SoundKind {
  // A looped ambience, stereo or more channels, not positioned.
  bed,
  // A positioned looped sound: a stream, waves, a fire.
  loop,
  // A sound picked from a set and played at random intervals from a random
  // point in a region.
  one_shot,
};

// An axis-aligned box in world space, in metres.
struct Region {
  glm::vec3 centre{0.0F};
  glm::vec3 half_extent{1.0F};
};

// One sound source as a scene file declares it, after validation.
struct SoundSource {
  std::string name;
  SoundKind kind = SoundKind::loop;
  // Absolute paths. A bed or loop plays files[0]; a one-shot picks among all.
  std::vector<std::filesystem::path> files;
  // Level relative to the scene's loudness target, in dB.
  float gain_db = 0.0F;

  // Loop only: where it sounds from, in metres, and the distance within
  // which it plays at full level.
  glm::vec3 position{0.0F};
  float reference_distance_m = 2.0F;

  // One-shot only: where, how often (seconds between plays) and how loud
  // (dB, relative to gain_db).
  Region region;
  float interval_min_s = 8.0F;
  float interval_max_s = 30.0F;
  float gain_min_db = -6.0F;
  float gain_max_db = 0.0F;
};

// Every sound of one scene.
struct Soundscape {
  // Integrated loudness (EBU R128) that every asset is normalised to, in LUFS.
  float loudness_target_lufs = -30.0F;
  std::vector<SoundSource> sources;
};

}  // namespace stillwater::scene

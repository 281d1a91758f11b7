#pragma once

#include "audio/pcm.hpp"
#include "core/calmness_limits.hpp"
#include "scene/sound.hpp"

#include <glm/glm.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace stillwater::audio {

// The highest level a one-shot may reach above the scene's bed, in dB
// relative to the loudness target: a bird may stand out a little, never startle.
inline constexpr auto kOneShotMarginDb = static_cast<float>(core::kOneShotMarginDb);

// How long a one-shot rises from silence, and how long its end fades out, in seconds.
inline constexpr float kOneShotRampInSeconds = 0.3F;
inline constexpr float kOneShotRampOutSeconds = 0.05F;

// A bed to stream: its file and the linear gain that brings it to the
// scene's loudness target plus its gain_db.
struct PreparedBed {
  std::string name;
  std::filesystem::path path;
  float gain = 1.0F;
};

// A positioned loop, decoded to mono with its gain applied and its loop
// point crossfaded.
struct PreparedLoop {
  std::string name;
  Pcm pcm;
  glm::vec3 position{0.0F};
  float reference_distance_m = 2.0F;
};

// A set of one-shots, decoded to mono with their gain and ramps applied.
struct PreparedOneShotSet {
  std::string name;
  std::vector<Pcm> sounds;
  scene::Region region;
  float interval_min_s = 8.0F;
  float interval_max_s = 30.0F;
  // Per-play gain range relative to the baked gain, in dB, at most 0.
  float gain_min_db = -6.0F;
  float gain_max_db = 0.0F;
};

// A soundscape decoded, measured and normalised, ready to give to any device.
struct PreparedSoundscape {
  std::vector<PreparedBed> beds;
  std::vector<PreparedLoop> loops;
  std::vector<PreparedOneShotSet> one_shots;
};

// Decodes loops and one-shots, measures every asset's integrated loudness
// (EBU R128) and works out each one's gain. Throws SoundFileError for a file
// that cannot be played and std::invalid_argument for a source without files.
PreparedSoundscape prepare_soundscape(const scene::Soundscape& soundscape);

}  // namespace stillwater::audio

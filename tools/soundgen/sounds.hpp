#pragma once

#include "audio/pcm.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace stillwater::soundgen {

// One sound the generator writes: its file stem, whether it loops, and how
// to make it from a seed and a length in seconds (ignored by one-shots).
struct SoundRecipe {
  std::string name;
  bool loops;
  std::function<audio::Pcm(std::uint64_t seed, double seconds)> make;
};

// Every sound the shipped scenes use.
std::vector<SoundRecipe> sound_recipes();

}  // namespace stillwater::soundgen

#include "audio/downmix.hpp"

#include <sndfile.h>

#include <array>

namespace stillwater::audio {

namespace {

constexpr float kMinus3Db = 0.70710678F;

std::optional<StereoWeights> weights_for(int position) {
  switch (position) {
    case SF_CHANNEL_MAP_MONO:
    case SF_CHANNEL_MAP_CENTER:
      return StereoWeights{kMinus3Db, kMinus3Db};
    case SF_CHANNEL_MAP_LEFT:
      return StereoWeights{1.0F, 0.0F};
    case SF_CHANNEL_MAP_RIGHT:
      return StereoWeights{0.0F, 1.0F};
    case SF_CHANNEL_MAP_LFE:
      return StereoWeights{0.0F, 0.0F};
    case SF_CHANNEL_MAP_REAR_LEFT:
    case SF_CHANNEL_MAP_SIDE_LEFT:
      return StereoWeights{kMinus3Db, 0.0F};
    case SF_CHANNEL_MAP_REAR_RIGHT:
    case SF_CHANNEL_MAP_SIDE_RIGHT:
      return StereoWeights{0.0F, kMinus3Db};
    case SF_CHANNEL_MAP_REAR_CENTER:
      return StereoWeights{0.5F, 0.5F};
    default:
      return std::nullopt;
  }
}

// The usual channel order of WAVE (and FLAC) files without a channel mask,
// by channel count from 3 to 8.
std::span<const int> wave_order(int channels) {
  static constexpr std::array<int, 3> kThree{SF_CHANNEL_MAP_LEFT, SF_CHANNEL_MAP_RIGHT, SF_CHANNEL_MAP_CENTER};
  static constexpr std::array<int, 4> kQuad{SF_CHANNEL_MAP_LEFT, SF_CHANNEL_MAP_RIGHT, SF_CHANNEL_MAP_REAR_LEFT,
                                            SF_CHANNEL_MAP_REAR_RIGHT};
  static constexpr std::array<int, 5> kFive{SF_CHANNEL_MAP_LEFT, SF_CHANNEL_MAP_RIGHT, SF_CHANNEL_MAP_CENTER,
                                            SF_CHANNEL_MAP_REAR_LEFT, SF_CHANNEL_MAP_REAR_RIGHT};
  static constexpr std::array<int, 6> kSix{SF_CHANNEL_MAP_LEFT,      SF_CHANNEL_MAP_RIGHT,
                                           SF_CHANNEL_MAP_CENTER,    SF_CHANNEL_MAP_LFE,
                                           SF_CHANNEL_MAP_REAR_LEFT, SF_CHANNEL_MAP_REAR_RIGHT};
  static constexpr std::array<int, 7> kSeven{SF_CHANNEL_MAP_LEFT,        SF_CHANNEL_MAP_RIGHT,
                                             SF_CHANNEL_MAP_CENTER,      SF_CHANNEL_MAP_LFE,
                                             SF_CHANNEL_MAP_REAR_CENTER, SF_CHANNEL_MAP_SIDE_LEFT,
                                             SF_CHANNEL_MAP_SIDE_RIGHT};
  static constexpr std::array<int, 8> kEight{SF_CHANNEL_MAP_LEFT,      SF_CHANNEL_MAP_RIGHT,
                                             SF_CHANNEL_MAP_CENTER,    SF_CHANNEL_MAP_LFE,
                                             SF_CHANNEL_MAP_REAR_LEFT, SF_CHANNEL_MAP_REAR_RIGHT,
                                             SF_CHANNEL_MAP_SIDE_LEFT, SF_CHANNEL_MAP_SIDE_RIGHT};
  switch (channels) {
    case 3:
      return kThree;
    case 4:
      return kQuad;
    case 5:
      return kFive;
    case 6:
      return kSix;
    case 7:
      return kSeven;
    case 8:
      return kEight;
    default:
      return {};
  }
}

// The Vorbis I specification's channel order, by channel count from 3 to 8.
std::span<const int> vorbis_channel_order(int channels) {
  static constexpr std::array<int, 3> kThree{SF_CHANNEL_MAP_LEFT, SF_CHANNEL_MAP_CENTER, SF_CHANNEL_MAP_RIGHT};
  static constexpr std::array<int, 4> kQuad{SF_CHANNEL_MAP_LEFT, SF_CHANNEL_MAP_RIGHT, SF_CHANNEL_MAP_REAR_LEFT,
                                            SF_CHANNEL_MAP_REAR_RIGHT};
  static constexpr std::array<int, 5> kFive{SF_CHANNEL_MAP_LEFT, SF_CHANNEL_MAP_CENTER, SF_CHANNEL_MAP_RIGHT,
                                            SF_CHANNEL_MAP_REAR_LEFT, SF_CHANNEL_MAP_REAR_RIGHT};
  static constexpr std::array<int, 6> kSix{SF_CHANNEL_MAP_LEFT,      SF_CHANNEL_MAP_CENTER,
                                           SF_CHANNEL_MAP_RIGHT,     SF_CHANNEL_MAP_REAR_LEFT,
                                           SF_CHANNEL_MAP_REAR_RIGHT, SF_CHANNEL_MAP_LFE};
  static constexpr std::array<int, 7> kSeven{SF_CHANNEL_MAP_LEFT,        SF_CHANNEL_MAP_CENTER,
                                             SF_CHANNEL_MAP_RIGHT,       SF_CHANNEL_MAP_SIDE_LEFT,
                                             SF_CHANNEL_MAP_SIDE_RIGHT,  SF_CHANNEL_MAP_REAR_CENTER,
                                             SF_CHANNEL_MAP_LFE};
  static constexpr std::array<int, 8> kEight{SF_CHANNEL_MAP_LEFT,      SF_CHANNEL_MAP_CENTER,
                                             SF_CHANNEL_MAP_RIGHT,     SF_CHANNEL_MAP_SIDE_LEFT,
                                             SF_CHANNEL_MAP_SIDE_RIGHT, SF_CHANNEL_MAP_REAR_LEFT,
                                             SF_CHANNEL_MAP_REAR_RIGHT, SF_CHANNEL_MAP_LFE};
  switch (channels) {
    case 3:
      return kThree;
    case 4:
      return kQuad;
    case 5:
      return kFive;
    case 6:
      return kSix;
    case 7:
      return kSeven;
    case 8:
      return kEight;
    default:
      return {};
  }
}

}  // namespace

std::optional<std::vector<StereoWeights>> stereo_downmix_weights(int channels, std::span<const int> channel_map,
                                                                 bool vorbis_order) {
  std::span<const int> positions = channel_map;
  if (positions.size() != static_cast<std::size_t>(channels)) {
    positions = vorbis_order ? vorbis_channel_order(channels) : wave_order(channels);
  }
  if (positions.empty()) {
    return std::nullopt;
  }

  std::vector<StereoWeights> weights;
  weights.reserve(positions.size());
  for (const int position : positions) {
    const auto weight = weights_for(position);
    if (!weight) {
      return std::nullopt;
    }
    weights.push_back(*weight);
  }
  return weights;
}

}  // namespace stillwater::audio

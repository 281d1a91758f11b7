#pragma once

#include <optional>
#include <span>
#include <vector>

namespace stillwater::audio {

// The weights of one input channel into the left and right outputs of a
// stereo downmix.
struct StereoWeights {
  float left = 0.0F;
  float right = 0.0F;
};

// Downmix weights for each channel of a file, in file order. Channels follow
// ITU-R BS.775: front left and right at 1, centre and surrounds at 0.7071
// (-3 dB) into their side, a rear centre at 0.5 into both, and LFE dropped.
// `channel_map` contains libsndfile SF_CHANNEL_MAP_* values, empty when the file
// has none; then the container's standard order is assumed (`vorbis_order`
// for Ogg Vorbis, which puts the centre second). Returns nothing for a layout
// it cannot place.
std::optional<std::vector<StereoWeights>> stereo_downmix_weights(int channels, std::span<const int> channel_map,
                                                                 bool vorbis_order);

}  // namespace stillwater::audio

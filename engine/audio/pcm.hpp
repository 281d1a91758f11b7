#pragma once

#include <cstddef>
#include <vector>

namespace stillwater::audio {

// Decoded audio held in memory: interleaved 32-bit float samples, nominally
// within -1..1.
struct Pcm {
  int sample_rate = 48000;
  int channels = 1;
  std::vector<float> samples;

  [[nodiscard]] std::size_t frames() const {
    return channels > 0 ? samples.size() / static_cast<std::size_t>(channels) : 0;
  }
};

// The channel count a sound is decoded to: positioned sounds are mono so
// OpenAL can place them; beds are stereo and play through direct channels.
enum class ChannelTarget { mono, stereo };

[[nodiscard]] constexpr int channel_count(ChannelTarget target) {
  return target == ChannelTarget::mono ? 1 : 2;
}

}  // namespace stillwater::audio

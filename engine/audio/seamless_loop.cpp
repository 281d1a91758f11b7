#include "audio/seamless_loop.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace stillwater::audio {

std::size_t seam_frames(std::size_t total_frames, int sample_rate) {
  const auto half_second = static_cast<std::size_t>(sample_rate / 2);
  return std::min(half_second, total_frames / 4);
}

std::vector<float> crossfade_seam(std::span<const float> head, std::span<const float> tail, int channels) {
  const auto channel_count = static_cast<std::size_t>(channels);
  const std::size_t frames = head.size() / channel_count;

  std::vector<float> seam(head.size());
  for (std::size_t frame = 0; frame < frames; ++frame) {
    // Equal-power weights: uncorrelated material keeps its level through the seam.
    const double phase = (static_cast<double>(frame) + 0.5) / static_cast<double>(frames) * std::numbers::pi / 2.0;
    const auto fade_in = static_cast<float>(std::sin(phase));
    const auto fade_out = static_cast<float>(std::cos(phase));
    for (std::size_t channel = 0; channel < channel_count; ++channel) {
      const std::size_t index = frame * channel_count + channel;
      seam[index] = head[index] * fade_in + tail[index] * fade_out;
    }
  }
  return seam;
}

void make_seamless(Pcm& pcm) {
  const std::size_t total = pcm.frames();
  const std::size_t seam = seam_frames(total, pcm.sample_rate);
  if (seam == 0) {
    return;
  }

  const auto channels = static_cast<std::size_t>(pcm.channels);
  const std::span<const float> samples(pcm.samples);
  const auto blended = crossfade_seam(samples.subspan(0, seam * channels),
                                      samples.subspan((total - seam) * channels, seam * channels), pcm.channels);
  std::copy(blended.begin(), blended.end(), pcm.samples.begin());
  pcm.samples.resize((total - seam) * channels);
}

}  // namespace stillwater::audio

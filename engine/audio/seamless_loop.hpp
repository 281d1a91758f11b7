#pragma once

#include "audio/pcm.hpp"

#include <cstddef>
#include <span>
#include <vector>

namespace stillwater::audio {

// Frames crossfaded at a loop point: half a second, or a quarter of the sound
// when it is shorter than two seconds.
std::size_t seam_frames(std::size_t total_frames, int sample_rate);

// The first `head.size() / channels` frames of a loop: the file's start faded
// in over its last frames of the same length (`tail`) with equal-power
// weights, so the loop wraps from the frame before `tail` into this block
// without a step.
std::vector<float> crossfade_seam(std::span<const float> head, std::span<const float> tail, int channels);

// Makes a whole sound loop without a click by crossfading its end into its
// start; the result is shorter by seam_frames(). A recording that already
// loops seamlessly stays continuous.
void make_seamless(Pcm& pcm);

}  // namespace stillwater::audio

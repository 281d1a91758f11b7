#pragma once

#include "audio/audio_engine.hpp"

#include <filesystem>
#include <functional>
#include <span>
#include <string>
#include <vector>

namespace stillwater::test {

inline constexpr int kRate = 48000;

// An empty folder under the system's temporary folder, fresh for each call.
std::filesystem::path fresh_audio_folder(const std::string& name);

// Interleaved samples of a sine at `frequency_hz` with peak `amplitude` in
// the channels where `active[channel]` is true; silence in the others.
std::vector<float> sine(double frequency_hz, float amplitude, double seconds, const std::vector<bool>& active,
                        int rate = kRate);

// Writes interleaved float samples with libsndfile in `format` (SF_FORMAT_*).
void write_sound(const std::filesystem::path& path, int format, std::span<const float> samples, int channels,
                 int rate = kRate);

// Root mean square of one channel of interleaved samples.
double channel_rms(std::span<const float> samples, int channels, int channel);

// The largest sample-to-sample step within any channel of stereo samples.
float max_step(std::span<const float> stereo);

// Renders `seconds` through a loopback engine in 10 ms steps, calling
// update() before each step with the frame `frame_at(time_s)` returns.
// `clock_s` is the session clock; it advances by what was rendered.
std::vector<float> render_for(audio::AudioEngine& engine, double seconds, double& clock_s,
                              const std::function<audio::AudioFrame(double)>& frame_at,
                              const audio::ListenerPose& pose = {});

// A frame at full fade and volume 1, gentle motion.
audio::AudioFrame full_frame(double time_s);

}  // namespace stillwater::test

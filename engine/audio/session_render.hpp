#pragma once

#include "core/comfort.hpp"
#include "scene/sound.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace stillwater::audio {

// A session to render offline: its length, fades and comfort settings, and
// a slow head turn so positioned sounds move between the ears.
struct SessionRenderPlan {
  double seconds = 60.0;
  // Rise from silence at the start and gentle end at the close, in seconds.
  float fade_in_s = 8.0F;
  float fade_out_s = 20.0F;
  float volume = 0.7F;
  core::MotionLevel motion = core::MotionLevel::gentle;
  std::uint64_t seed = 1;
  // The head turns left and right by this many degrees over 20 s.
  float head_yaw_deg = 30.0F;
};

// Onsets: a 50 ms block whose level is more than this many dB above the
// mean of the 500 ms before it, and above kOnsetFloorDbfs.
inline constexpr float kOnsetRiseDb = 10.0F;
inline constexpr float kOnsetFloorDbfs = -60.0F;

// Measurements of a rendered session, for listening by numbers.
struct SessionAudioReport {
  double seconds = 0.0;
  // EBU R128 integrated loudness of the whole render; nothing if silent.
  std::optional<double> integrated_lufs;
  float peak_dbfs = -120.0F;
  // Largest sample-to-sample step in either channel (full scale is 1).
  float max_step = 0.0F;
  // RMS level of each second, both channels together, in dBFS.
  std::vector<float> level_dbfs_per_second;
  // When onsets happened, in seconds, and the largest rise seen anywhere.
  std::vector<double> onset_times_s;
  float largest_rise_db = 0.0F;
  std::size_t one_shots_started = 0;
};

// Plays `soundscape` through the loopback device as `plan` describes and
// writes the mix to `wav` (16-bit stereo, 48 kHz) unless it is empty.
SessionAudioReport render_session_audio(const scene::Soundscape& soundscape, const SessionRenderPlan& plan,
                                        const std::filesystem::path& wav);

// Measures interleaved stereo samples at `sample_rate`.
SessionAudioReport measure_session_audio(const std::vector<float>& stereo, int sample_rate);

// The report as lines of text for a terminal.
std::string format_report(const SessionAudioReport& report);

}  // namespace stillwater::audio

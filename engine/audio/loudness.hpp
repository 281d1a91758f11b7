#pragma once

#include "audio/pcm.hpp"

#include <cmath>
#include <filesystem>
#include <optional>

namespace stillwater::audio {

// Bounds on the gain that loudness normalisation applies, in dB: a nearly
// silent file is not raised into hiss, and a very loud one still plays.
inline constexpr float kMinNormalisationGainDb = -40.0F;
inline constexpr float kMaxNormalisationGainDb = 24.0F;

// EBU R128 integrated loudness of samples in memory, in LUFS; nothing when
// the audio stays below the absolute gate (-70 LUFS), as silence does.
std::optional<double> integrated_loudness(const Pcm& pcm);

// EBU R128 integrated loudness of a whole file as it would be decoded for
// `target`, read in blocks so a long bed is never held in memory. The result
// is cached per process by path, size and modification time, so each asset
// is measured once.
std::optional<double> file_integrated_loudness(const std::filesystem::path& path, ChannelTarget target);

// The gain in dB that brings a sound measured at `loudness_lufs` to
// `target_lufs`, within the bounds above; 0 dB for a silent sound.
float normalisation_gain_db(std::optional<double> loudness_lufs, float target_lufs);

[[nodiscard]] inline float db_to_linear(float db) { return std::pow(10.0F, db / 20.0F); }

}  // namespace stillwater::audio

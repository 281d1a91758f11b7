#pragma once

#include <optional>
#include <span>
#include <vector>

namespace stillwater::audit {

// Loudness readings below this are shown as this, in LUFS: the absolute gate
// of ITU-R BS.1770-4, under which a block counts as silence.
inline constexpr double kLoudnessFloorLufs = -70.0;

// Time between momentary loudness readings, in seconds.
inline constexpr double kMomentaryStepSeconds = 0.1;

// Loudness of a stereo programme, measured as ITU-R BS.1770-4 and EBU R128
// define it: K-weighting, 400 ms momentary blocks, gated integrated
// loudness and a 4x oversampled true peak (all by libebur128).
struct LoudnessMeasurement {
  // Integrated loudness, in LUFS; nothing when every block is below the
  // absolute gate.
  std::optional<double> integrated_lufs;
  // Momentary loudness every kMomentaryStepSeconds: entry i covers the
  // 400 ms that end at (i + 1) * kMomentaryStepSeconds, never below
  // kLoudnessFloorLufs.
  std::vector<double> momentary_lufs;
  double max_momentary_lufs = kLoudnessFloorLufs;
  // End of the loudest momentary block, in seconds.
  double max_momentary_at_s = 0.0;
  // Highest true peak of either channel, in dBTP; -120 for silence.
  double true_peak_dbtp = -120.0;
};

// Measures interleaved stereo samples (full scale 1) at `sample_rate` Hz.
// Throws std::runtime_error when libebur128 fails.
LoudnessMeasurement measure_loudness(std::span<const float> stereo, int sample_rate);

// Highest absolute sample of `samples`, in dBFS; -120 for silence.
double sample_peak_dbfs(std::span<const float> samples);

}  // namespace stillwater::audit

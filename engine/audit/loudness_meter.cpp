#include "audit/loudness_meter.hpp"

#include <ebur128.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <stdexcept>

namespace stillwater::audit {

namespace {

constexpr unsigned kChannels = 2;
constexpr double kSilenceDb = -120.0;

struct StateDestroyer {
  void operator()(ebur128_state* state) const noexcept { ebur128_destroy(&state); }
};

using Meter = std::unique_ptr<ebur128_state, StateDestroyer>;

void check(int result, const char* call) {
  if (result != EBUR128_SUCCESS) {
    throw std::runtime_error(fmt::format("{} failed with libebur128 error {}", call, result));
  }
}

double to_db(double amplitude) { return amplitude > 0.0 ? 20.0 * std::log10(amplitude) : kSilenceDb; }

}  // namespace

LoudnessMeasurement measure_loudness(std::span<const float> stereo, int sample_rate) {
  if (sample_rate <= 0) {
    throw std::invalid_argument(fmt::format("invalid sample rate {} Hz", sample_rate));
  }
  const Meter meter(ebur128_init(kChannels, static_cast<unsigned long>(sample_rate),
                                 EBUR128_MODE_M | EBUR128_MODE_I | EBUR128_MODE_TRUE_PEAK));
  if (!meter) {
    throw std::runtime_error(fmt::format("ebur128_init failed for stereo at {} Hz", sample_rate));
  }

  LoudnessMeasurement measurement;
  const auto step_frames = static_cast<std::size_t>(std::lround(sample_rate * kMomentaryStepSeconds));
  const std::size_t frames = stereo.size() / kChannels;
  for (std::size_t start = 0; start + step_frames <= frames; start += step_frames) {
    check(ebur128_add_frames_float(meter.get(), stereo.data() + start * kChannels, step_frames),
          "ebur128_add_frames_float");
    double momentary = 0.0;
    check(ebur128_loudness_momentary(meter.get(), &momentary), "ebur128_loudness_momentary");
    // libebur128 reports silence as -HUGE_VAL.
    momentary = std::isfinite(momentary) ? std::max(momentary, kLoudnessFloorLufs) : kLoudnessFloorLufs;
    measurement.momentary_lufs.push_back(momentary);
    if (momentary > measurement.max_momentary_lufs) {
      measurement.max_momentary_lufs = momentary;
      measurement.max_momentary_at_s = static_cast<double>(measurement.momentary_lufs.size()) * kMomentaryStepSeconds;
    }
  }
  const std::size_t measured = measurement.momentary_lufs.size() * step_frames;
  if (measured < frames) {
    check(ebur128_add_frames_float(meter.get(), stereo.data() + measured * kChannels, frames - measured),
          "ebur128_add_frames_float");
  }

  double integrated = 0.0;
  check(ebur128_loudness_global(meter.get(), &integrated), "ebur128_loudness_global");
  if (std::isfinite(integrated)) {
    measurement.integrated_lufs = integrated;
  }

  double peak = 0.0;
  for (unsigned channel = 0; channel < kChannels; ++channel) {
    double channel_peak = 0.0;
    check(ebur128_true_peak(meter.get(), channel, &channel_peak), "ebur128_true_peak");
    peak = std::max(peak, channel_peak);
  }
  measurement.true_peak_dbtp = to_db(peak);
  return measurement;
}

double sample_peak_dbfs(std::span<const float> samples) {
  float peak = 0.0F;
  for (const float sample : samples) {
    peak = std::max(peak, std::abs(sample));
  }
  return to_db(peak);
}

}  // namespace stillwater::audit

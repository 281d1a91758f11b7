#include "audit/loudness_meter.hpp"
#include "audit/onsets.hpp"
#include "core/calmness_limits.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>
#include <vector>

using namespace stillwater;

namespace {

constexpr int kRate = 48000;

// Stereo sine at `frequency_hz` with peak `peak_dbfs` in the chosen channels.
std::vector<float> sine(double frequency_hz, double peak_dbfs, double seconds, bool left, bool right,
                        double phase = 0.0) {
  const double amplitude = std::pow(10.0, peak_dbfs / 20.0);
  const auto frames = static_cast<std::size_t>(seconds * kRate);
  std::vector<float> samples(frames * 2);
  for (std::size_t frame = 0; frame < frames; ++frame) {
    const auto value = static_cast<float>(
        amplitude * std::sin(2.0 * std::numbers::pi * frequency_hz * static_cast<double>(frame) / kRate + phase));
    samples[frame * 2] = left ? value : 0.0F;
    samples[frame * 2 + 1] = right ? value : 0.0F;
  }
  return samples;
}

std::vector<bool> all(std::size_t count, bool value) { return std::vector<bool>(count, value); }

audit::OnsetSummary onsets(const std::vector<double>& momentary, const std::vector<bool>& full) {
  const std::unique_ptr<bool[]> flags = std::make_unique<bool[]>(full.size());
  std::copy(full.begin(), full.end(), flags.get());
  return audit::find_onsets(momentary, std::span<const bool>(flags.get(), full.size()), 0.1);
}

}  // namespace

TEST_CASE("1 kHz stereo sine reads as EBU Tech 3341", "[audit][loudness]") {
  // EBU Tech 3341 case 1: a 1 kHz sine at -23 dBFS in both channels reads
  // -23.0 LUFS momentary and integrated, within 0.1 LU.
  const auto measured = audit::measure_loudness(sine(1000.0, -23.0, 20.0, true, true), kRate);
  REQUIRE(measured.integrated_lufs.has_value());
  CHECK(*measured.integrated_lufs == Approx(-23.0).margin(0.1));
  CHECK(measured.max_momentary_lufs == Approx(-23.0).margin(0.1));
  REQUIRE(measured.momentary_lufs.size() == 200);
  CHECK(measured.momentary_lufs.back() == Approx(-23.0).margin(0.1));
}

TEST_CASE("sine in one channel is 3 LU quieter", "[audit][loudness]") {
  const auto measured = audit::measure_loudness(sine(1000.0, -20.0, 5.0, true, false), kRate);
  REQUIRE(measured.integrated_lufs.has_value());
  CHECK(*measured.integrated_lufs == Approx(-23.0).margin(0.1));
}

TEST_CASE("silent programme has no loudness", "[audit][loudness]") {
  const std::vector<float> silence(kRate * 2 * 2, 0.0F);
  const auto measured = audit::measure_loudness(silence, kRate);
  CHECK_FALSE(measured.integrated_lufs.has_value());
  CHECK(measured.max_momentary_lufs == audit::kLoudnessFloorLufs);
  CHECK(measured.true_peak_dbtp == -120.0);
  CHECK(audit::sample_peak_dbfs(silence) == -120.0);
}

TEST_CASE("true peak finds the peak between samples", "[audit][loudness]") {
  // A sine at a quarter of the sample rate, 45 degrees out of phase, has
  // every sample at 0.707 of its peak: the sample peak reads 3 dB low.
  const auto samples = sine(kRate / 4.0, -6.0, 1.0, true, true, std::numbers::pi / 4.0);
  const auto measured = audit::measure_loudness(samples, kRate);
  CHECK(audit::sample_peak_dbfs(samples) == Approx(-9.0).margin(0.1));
  CHECK(measured.true_peak_dbtp == Approx(-6.0).margin(0.5));
}

TEST_CASE("loudest momentary block is located", "[audit][loudness]") {
  std::vector<float> samples = sine(1000.0, -40.0, 3.0, true, true);
  const std::vector<float> burst = sine(1000.0, -10.0, 1.0, true, true);
  // The last of the three seconds is 30 dB louder.
  std::copy(burst.begin(), burst.end(), samples.begin() + kRate * 2 * 2);
  const auto measured = audit::measure_loudness(samples, kRate);
  CHECK(measured.max_momentary_lufs == Approx(-10.0).margin(0.1));
  CHECK(measured.max_momentary_at_s >= 2.4);
  CHECK(measured.max_momentary_at_s <= 3.0);
}

TEST_CASE("measure_loudness rejects a bad sample rate", "[audit][loudness]") {
  const std::vector<float> samples(100, 0.0F);
  CHECK_THROWS_WITH(audit::measure_loudness(samples, 0), "invalid sample rate 0 Hz");
}

TEST_CASE("sudden loud sound is an onset", "[audit][onsets]") {
  std::vector<double> momentary(50, -40.0);
  std::fill(momentary.begin() + 30, momentary.begin() + 35, -15.0);
  const auto summary = onsets(momentary, all(momentary.size(), true));
  REQUIRE(summary.ambience_lufs.has_value());
  CHECK(*summary.ambience_lufs == -40.0);
  REQUIRE(summary.onsets.size() == 1);
  CHECK(summary.onsets.front().rise_lu == Approx(25.0));
  CHECK(summary.onsets.front().above_ambience_lu == Approx(25.0));
  CHECK(summary.onsets.front().at_s == Approx(3.1));
  CHECK(summary.largest_rise_lu == Approx(25.0));
}

TEST_CASE("rise over several readings is one onset", "[audit][onsets]") {
  std::vector<double> momentary(40, -40.0);
  const std::vector<double> rising{-34.0, -28.0, -22.0, -16.0, -16.0};
  std::copy(rising.begin(), rising.end(), momentary.begin() + 20);
  const auto summary = onsets(momentary, all(momentary.size(), true));
  REQUIRE(summary.onsets.size() == 1);
  // Kept at its largest rise: 24 LU within the 400 ms window.
  CHECK(summary.onsets.front().rise_lu == Approx(24.0));
}

TEST_CASE("fade back to the ambience is no onset", "[audit][onsets]") {
  // Silence, then a rise of 30 LU in 400 ms, but only up to the ambience.
  std::vector<double> momentary(60, -40.0);
  std::vector<bool> full = all(momentary.size(), true);
  for (std::size_t index = 10; index < 20; ++index) {
    momentary[index] = audit::kLoudnessFloorLufs;
    full[index] = false;
  }
  const auto summary = onsets(momentary, full);
  CHECK(summary.largest_rise_lu == Approx(30.0));
  CHECK(summary.onsets.empty());
}

TEST_CASE("one-shot within the margin is no onset", "[audit][onsets]") {
  std::vector<double> momentary(50, -40.0);
  // A bird at the margin over the bed: bed and bird together are 4.8 LU up.
  std::fill(momentary.begin() + 20, momentary.begin() + 25, -35.2);
  const auto summary = onsets(momentary, all(momentary.size(), true));
  CHECK(summary.onsets.empty());
  CHECK(summary.largest_rise_lu == Approx(4.8));
}

TEST_CASE("ambience is the level at full fade", "[audit][onsets]") {
  // Fading blocks are quieter and do not count towards the ambience.
  std::vector<double> momentary(30, -60.0);
  std::vector<bool> full = all(momentary.size(), false);
  for (std::size_t index = 20; index < 30; ++index) {
    momentary[index] = -35.0;
    full[index] = true;
  }
  const auto summary = onsets(momentary, full);
  REQUIRE(summary.ambience_lufs.has_value());
  CHECK(*summary.ambience_lufs == -35.0);
}

TEST_CASE("silent session has no ambience", "[audit][onsets]") {
  const std::vector<double> momentary(20, audit::kLoudnessFloorLufs);
  const auto summary = onsets(momentary, all(momentary.size(), true));
  CHECK_FALSE(summary.ambience_lufs.has_value());
  CHECK(summary.onsets.empty());
}

TEST_CASE("find_onsets rejects mismatched inputs", "[audit][onsets]") {
  const std::vector<double> momentary(5, -40.0);
  const bool flags[3] = {true, true, true};
  CHECK_THROWS_WITH(audit::find_onsets(momentary, flags, 0.1), "5 loudness readings were given with 3 full-level flags");
  const bool matching[5] = {true, true, true, true, true};
  CHECK_THROWS_WITH(audit::find_onsets(momentary, matching, 0.0), "invalid step between loudness readings: 0 s");
}

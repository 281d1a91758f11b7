#include "audio/session_render.hpp"

#include "audio/audio_engine.hpp"
#include "audio/loudness.hpp"
#include "audio/pcm.hpp"
#include "audio/wav_writer.hpp"

#include <fmt/format.h>
#include <glm/gtc/quaternion.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace stillwater::audio {

namespace {

constexpr std::size_t kStepFrames = kLoopbackSampleRate / 100;

float to_dbfs(double rms) { return rms > 1e-6 ? static_cast<float>(20.0 * std::log10(rms)) : -120.0F; }

double mean_square(std::span<const float> samples) {
  double sum = 0.0;
  for (const float sample : samples) {
    sum += static_cast<double>(sample) * sample;
  }
  return samples.empty() ? 0.0 : sum / static_cast<double>(samples.size());
}

float fade_at(const SessionRenderPlan& plan, double time_s) {
  const double rise = plan.fade_in_s > 0.0F ? time_s / plan.fade_in_s : 1.0;
  const double fall = plan.fade_out_s > 0.0F ? (plan.seconds - time_s) / plan.fade_out_s : 1.0;
  return static_cast<float>(std::clamp(std::min(rise, fall), 0.0, 1.0));
}

}  // namespace

SessionAudioReport render_session_audio(const scene::Soundscape& soundscape, const SessionRenderPlan& plan,
                                        const std::filesystem::path& wav) {
  AudioEngine engine(DeviceChoice::loopback);
  engine.load(soundscape, plan.seed);

  const auto steps = static_cast<std::size_t>(plan.seconds * 100.0);
  std::vector<float> mix(steps * kStepFrames * 2);
  for (std::size_t step = 0; step < steps; ++step) {
    const double time_s = static_cast<double>(step) / 100.0;
    const double yaw = glm::radians(plan.head_yaw_deg) * std::sin(2.0 * std::numbers::pi * time_s / 20.0);
    ListenerPose pose;
    pose.orientation = glm::angleAxis(static_cast<float>(yaw), glm::vec3(0.0F, 1.0F, 0.0F));
    engine.update(pose, {fade_at(plan, time_s), plan.volume, plan.motion}, time_s);
    engine.render(std::span<float>(mix).subspan(step * kStepFrames * 2, kStepFrames * 2));
  }

  if (!wav.empty()) {
    write_wav_16(wav, mix, 2, kLoopbackSampleRate);
  }
  SessionAudioReport report = measure_session_audio(mix, kLoopbackSampleRate);
  report.one_shots_started = engine.one_shots_started();
  return report;
}

SessionAudioReport measure_session_audio(const std::vector<float>& stereo, int sample_rate) {
  SessionAudioReport report;
  const auto rate = static_cast<std::size_t>(sample_rate);
  report.seconds = static_cast<double>(stereo.size() / 2) / sample_rate;

  float peak = 0.0F;
  for (std::size_t index = 0; index < stereo.size(); ++index) {
    peak = std::max(peak, std::abs(stereo[index]));
    if (index >= 2) {
      report.max_step = std::max(report.max_step, std::abs(stereo[index] - stereo[index - 2]));
    }
  }
  report.peak_dbfs = to_dbfs(peak);

  for (std::size_t start = 0; start + rate * 2 <= stereo.size(); start += rate * 2) {
    report.level_dbfs_per_second.push_back(
        to_dbfs(std::sqrt(mean_square(std::span<const float>(stereo).subspan(start, rate * 2)))));
  }

  // Onsets: 50 ms blocks against the power mean of the ten blocks before.
  const std::size_t block = rate / 20 * 2;
  std::vector<double> powers;
  for (std::size_t start = 0; start + block <= stereo.size(); start += block) {
    powers.push_back(mean_square(std::span<const float>(stereo).subspan(start, block)));
  }
  std::size_t quiet_until = 0;
  for (std::size_t index = 10; index < powers.size(); ++index) {
    double before = 0.0;
    for (std::size_t back = index - 10; back < index; ++back) {
      before += powers[back] / 10.0;
    }
    const float level = to_dbfs(std::sqrt(powers[index]));
    if (level < kOnsetFloorDbfs) {
      continue;
    }
    const float rise = level - to_dbfs(std::sqrt(before));
    report.largest_rise_db = std::max(report.largest_rise_db, rise);
    if (rise > kOnsetRiseDb && index >= quiet_until) {
      report.onset_times_s.push_back(static_cast<double>(index) * 0.05);
      quiet_until = index + 10;
    }
  }

  if (!stereo.empty()) {
    Pcm pcm{sample_rate, 2, stereo};
    report.integrated_lufs = integrated_loudness(pcm);
  }
  return report;
}

std::string format_report(const SessionAudioReport& report) {
  std::string text = fmt::format("length: {:.1f} s\n", report.seconds);
  text += report.integrated_lufs ? fmt::format("integrated loudness: {:.1f} LUFS\n", *report.integrated_lufs)
                                 : std::string("integrated loudness: silent\n");
  text += fmt::format("peak: {:.1f} dBFS\n", report.peak_dbfs);
  text += fmt::format("largest sample step: {:.4f}\n", report.max_step);
  text += fmt::format("largest rise over 50 ms: {:.1f} dB\n", report.largest_rise_db);
  text += fmt::format("one-shots started: {}\n", report.one_shots_started);
  text += fmt::format("onsets (> {:.0f} dB in 50 ms): {}", kOnsetRiseDb, report.onset_times_s.size());
  for (const double time : report.onset_times_s) {
    text += fmt::format(" {:.2f}s", time);
  }
  text += "\nlevel per second (dBFS):";
  for (std::size_t second = 0; second < report.level_dbfs_per_second.size(); ++second) {
    text += fmt::format("{}{:.0f}", second % 10 == 0 ? "\n  " : " ", report.level_dbfs_per_second[second]);
  }
  return text + "\n";
}

}  // namespace stillwater::audio

#include "audio_test_support.hpp"

#include <sndfile.h>

#include <cmath>
#include <numbers>
#include <stdexcept>

namespace stillwater::test {

std::filesystem::path fresh_audio_folder(const std::string& name) {
  const auto folder = std::filesystem::temp_directory_path() / ("stillwater-test-audio-" + name);
  std::filesystem::remove_all(folder);
  std::filesystem::create_directories(folder);
  return folder;
}

std::vector<float> sine(double frequency_hz, float amplitude, double seconds, const std::vector<bool>& active,
                        int rate) {
  const auto frames = static_cast<std::size_t>(seconds * rate);
  const std::size_t channels = active.size();
  std::vector<float> samples(frames * channels, 0.0F);
  for (std::size_t frame = 0; frame < frames; ++frame) {
    const double phase = 2.0 * std::numbers::pi * frequency_hz * static_cast<double>(frame) / rate;
    const auto value = static_cast<float>(amplitude * std::sin(phase));
    for (std::size_t channel = 0; channel < channels; ++channel) {
      if (active[channel]) {
        samples[frame * channels + channel] = value;
      }
    }
  }
  return samples;
}

void write_sound(const std::filesystem::path& path, int format, std::span<const float> samples, int channels,
                 int rate) {
  SF_INFO info{};
  info.samplerate = rate;
  info.channels = channels;
  info.format = format;
  SNDFILE* file = sf_open(path.c_str(), SFM_WRITE, &info);
  if (file == nullptr) {
    throw std::runtime_error("test could not write " + path.string() + ": " + sf_strerror(nullptr));
  }
  const auto frames = static_cast<sf_count_t>(samples.size() / static_cast<std::size_t>(channels));
  const sf_count_t written = sf_writef_float(file, samples.data(), frames);
  sf_close(file);
  if (written != frames) {
    throw std::runtime_error("test wrote too few frames to " + path.string());
  }
}

double channel_rms(std::span<const float> samples, int channels, int channel) {
  const auto count = static_cast<std::size_t>(channels);
  double sum = 0.0;
  std::size_t frames = 0;
  for (std::size_t index = static_cast<std::size_t>(channel); index < samples.size(); index += count) {
    sum += static_cast<double>(samples[index]) * samples[index];
    ++frames;
  }
  return frames > 0 ? std::sqrt(sum / static_cast<double>(frames)) : 0.0;
}

float max_step(std::span<const float> stereo) {
  float largest = 0.0F;
  for (std::size_t index = 2; index < stereo.size(); ++index) {
    largest = std::max(largest, std::abs(stereo[index] - stereo[index - 2]));
  }
  return largest;
}

std::vector<float> render_for(audio::AudioEngine& engine, double seconds, double& clock_s,
                              const std::function<audio::AudioFrame(double)>& frame_at,
                              const audio::ListenerPose& pose) {
  constexpr std::size_t kStepFrames = kRate / 100;
  const auto steps = static_cast<std::size_t>(std::lround(seconds * 100.0));
  std::vector<float> out(steps * kStepFrames * 2);
  for (std::size_t step = 0; step < steps; ++step) {
    engine.update(pose, frame_at(clock_s), clock_s);
    engine.render(std::span<float>(out).subspan(step * kStepFrames * 2, kStepFrames * 2));
    clock_s += static_cast<double>(kStepFrames) / kRate;
  }
  return out;
}

audio::AudioFrame full_frame(double /*time_s*/) {
  return {1.0F, 1.0F, core::MotionLevel::gentle};
}

}  // namespace stillwater::test

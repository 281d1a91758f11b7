#include "audio/loudness.hpp"

#include "audio/sound_file.hpp"

#include <ebur128.h>
#include <fmt/format.h>
#include <fmt/std.h>

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <stdexcept>
#include <tuple>
#include <vector>

namespace stillwater::audio {

namespace {

struct StateDestroyer {
  void operator()(ebur128_state* state) const noexcept { ebur128_destroy(&state); }
};

using LoudnessMeter = std::unique_ptr<ebur128_state, StateDestroyer>;

LoudnessMeter make_meter(int channels, int sample_rate) {
  LoudnessMeter meter(
      ebur128_init(static_cast<unsigned>(channels), static_cast<unsigned long>(sample_rate), EBUR128_MODE_I));
  if (!meter) {
    throw std::runtime_error(
        fmt::format("ebur128_init failed for {} channels at {} Hz", channels, sample_rate));
  }
  return meter;
}

void add_frames(ebur128_state* meter, std::span<const float> samples, std::size_t frames) {
  if (ebur128_add_frames_float(meter, samples.data(), frames) != EBUR128_SUCCESS) {
    throw std::runtime_error("ebur128_add_frames_float failed");
  }
}

std::optional<double> read_integrated(ebur128_state* meter) {
  double loudness = 0.0;
  if (ebur128_loudness_global(meter, &loudness) != EBUR128_SUCCESS) {
    throw std::runtime_error("ebur128_loudness_global failed");
  }
  // libebur128 returns -HUGE_VAL when every block falls below the gate.
  if (!std::isfinite(loudness)) {
    return std::nullopt;
  }
  return loudness;
}

struct CacheKey {
  std::filesystem::path path;
  std::uintmax_t size;
  std::filesystem::file_time_type modified;
  ChannelTarget target;

  bool operator<(const CacheKey& other) const {
    return std::tie(path, size, modified, target) < std::tie(other.path, other.size, other.modified, other.target);
  }
};

std::mutex cache_mutex;
std::map<CacheKey, std::optional<double>> cache;

}  // namespace

std::optional<double> integrated_loudness(const Pcm& pcm) {
  const LoudnessMeter meter = make_meter(pcm.channels, pcm.sample_rate);
  add_frames(meter.get(), pcm.samples, pcm.frames());
  return read_integrated(meter.get());
}

std::optional<double> file_integrated_loudness(const std::filesystem::path& path, ChannelTarget target) {
  std::error_code error;
  const auto size = std::filesystem::file_size(path, error);
  const auto modified = std::filesystem::last_write_time(path, error);
  const CacheKey key{path, error ? 0 : size, modified, target};
  if (!error) {
    const std::scoped_lock lock(cache_mutex);
    if (const auto found = cache.find(key); found != cache.end()) {
      return found->second;
    }
  }

  SoundFile file(path, target);
  const LoudnessMeter meter = make_meter(file.channels(), file.sample_rate());
  std::vector<float> block(16384 * static_cast<std::size_t>(file.channels()));
  while (true) {
    const std::size_t frames = file.read(block);
    if (frames == 0) {
      break;
    }
    add_frames(meter.get(), block, frames);
  }
  const auto loudness = read_integrated(meter.get());

  if (!error) {
    const std::scoped_lock lock(cache_mutex);
    cache.emplace(key, loudness);
  }
  return loudness;
}

float normalisation_gain_db(std::optional<double> loudness_lufs, float target_lufs) {
  if (!loudness_lufs) {
    return 0.0F;
  }
  const auto gain = static_cast<float>(static_cast<double>(target_lufs) - *loudness_lufs);
  return std::clamp(gain, kMinNormalisationGainDb, kMaxNormalisationGainDb);
}

}  // namespace stillwater::audio

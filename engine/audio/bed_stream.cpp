#include "audio/bed_stream.hpp"

#include "audio/seamless_loop.hpp"

#include <spdlog/spdlog.h>
#include <fmt/std.h>

#include <chrono>
#include <exception>

namespace stillwater::audio {

namespace {

constexpr std::size_t kDecodeBlockFrames = 4096;

// How long the decoder sleeps while the ring is full: short against the
// seconds of audio a ring holds, so the ring never drains while it sleeps.
constexpr auto kFullRingWait = std::chrono::milliseconds(5);

}  // namespace

BedStream::BedStream(const std::filesystem::path& path, float gain, double ahead_seconds)
    : file_(path, ChannelTarget::stereo),
      gain_(gain),
      sample_rate_(file_.sample_rate()),
      ring_(static_cast<std::size_t>(ahead_seconds * sample_rate_) * kChannels) {
  // Keep the crossfaded loop start in memory; the rest is read as it plays.
  const auto total = static_cast<std::size_t>(file_.frames());
  const std::size_t seam = seam_frames(total, sample_rate_);
  std::vector<float> head(seam * kChannels);
  std::vector<float> tail(seam * kChannels);
  file_.seek(0);
  file_.read(head);
  file_.seek(static_cast<std::int64_t>(total - seam));
  file_.read(tail);
  seam_ = crossfade_seam(head, tail, kChannels);
  for (float& sample : seam_) {
    sample *= gain_;
  }

  thread_ = std::jthread([this](const std::stop_token& stop) { decode(stop); });
}

std::size_t BedStream::read(std::span<float> out) noexcept {
  return ring_.read(out.first(out.size() - out.size() % kChannels)) / kChannels;
}

bool BedStream::push(std::span<const float> samples, const std::stop_token& stop) {
  while (!samples.empty()) {
    const std::size_t written = ring_.write(samples);
    samples = samples.subspan(written);
    if (!samples.empty()) {
      if (stop.stop_requested()) {
        return false;
      }
      std::this_thread::sleep_for(kFullRingWait);
    }
  }
  return true;
}

void BedStream::decode(const std::stop_token& stop) {
  try {
    decode_loop(stop);
  } catch (const std::exception& error) {
    spdlog::error("audio: streaming stopped: {}", error.what());
    failed_.store(true, std::memory_order_release);
  }
}

void BedStream::decode_loop(const std::stop_token& stop) {
  const auto seam = static_cast<std::int64_t>(seam_.size() / kChannels);
  const std::int64_t body_end = file_.frames() - seam;
  std::vector<float> block(kDecodeBlockFrames * kChannels);

  while (!stop.stop_requested()) {
    if (!push(seam_, stop)) {
      return;
    }

    // The body runs from the end of the seam to where the faded-out tail begins.
    file_.seek(seam);
    std::int64_t position = seam;
    while (position < body_end) {
      const auto requested = static_cast<std::size_t>(
          std::min<std::int64_t>(static_cast<std::int64_t>(kDecodeBlockFrames), body_end - position));
      const std::size_t got = file_.read(std::span<float>(block).first(requested * kChannels));
      if (got == 0) {
        // Ogg Vorbis lengths can be estimates; wrap where the data ends.
        break;
      }
      auto samples = std::span<float>(block).first(got * kChannels);
      for (float& sample : samples) {
        sample *= gain_;
      }
      if (!push(samples, stop)) {
        return;
      }
      position += static_cast<std::int64_t>(got);
    }
  }
}

}  // namespace stillwater::audio

#pragma once

#include "audio/sound_file.hpp"
#include "audio/spsc_ring.hpp"

#include <atomic>
#include <cstddef>
#include <filesystem>
#include <span>
#include <thread>
#include <vector>

namespace stillwater::audio {

// A looped stereo bed decoded on its own thread into a ring buffer, so a long
// recording is never held in memory whole. The loop point is crossfaded
// (see seamless_loop.hpp) and `gain` (linear) is applied as it decodes.
class BedStream {
 public:
  // Opens the file (throwing SoundFileError when it cannot be played) and
  // starts decoding, up to `ahead_seconds` ahead of what has been read.
  BedStream(const std::filesystem::path& path, float gain, double ahead_seconds);
  BedStream(const BedStream&) = delete;
  BedStream& operator=(const BedStream&) = delete;
  ~BedStream() = default;

  static constexpr int kChannels = 2;

  [[nodiscard]] int sample_rate() const { return sample_rate_; }

  // Consumer side: copies up to out.size() / 2 stereo frames and returns the
  // frames copied. Never blocks, locks, allocates or logs.
  std::size_t read(std::span<float> out) noexcept;

  // Stereo frames ready to read.
  [[nodiscard]] std::size_t readable_frames() const noexcept { return ring_.readable() / kChannels; }

  // True once decoding stopped on an error; the error was logged once.
  [[nodiscard]] bool failed() const noexcept { return failed_.load(std::memory_order_acquire); }

 private:
  void decode(const std::stop_token& stop);
  void decode_loop(const std::stop_token& stop);
  bool push(std::span<const float> samples, const std::stop_token& stop);

  SoundFile file_;
  float gain_;
  int sample_rate_;
  SpscRing ring_;
  std::vector<float> seam_;
  std::atomic<bool> failed_{false};
  // Declared last: the thread starts after every member it uses exists and
  // is stopped and joined before any of them is destroyed.
  std::jthread thread_;
};

}  // namespace stillwater::audio

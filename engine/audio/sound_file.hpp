#pragma once

#include "audio/downmix.hpp"
#include "audio/pcm.hpp"

#include <sndfile.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <stdexcept>
#include <vector>

namespace stillwater::audio {

// A sound file that cannot be played; the message names the file, what is
// wrong with it and what to do.
class SoundFileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A WAV (PCM or float, including WAVE_FORMAT_EXTENSIBLE), FLAC or Ogg Vorbis
// file read through libsndfile. Reading converts it to the channel count of a
// ChannelTarget: mono is duplicated and stereo averaged as needed, and more
// channels are downmixed with the weights of stereo_downmix_weights.
class SoundFile {
 public:
  // Opens and checks the file; throws SoundFileError when it cannot be played.
  SoundFile(std::filesystem::path path, ChannelTarget target);

  [[nodiscard]] const std::filesystem::path& path() const { return path_; }
  [[nodiscard]] int sample_rate() const { return info_.samplerate; }
  // Channels of the file itself, before conversion.
  [[nodiscard]] int file_channels() const { return info_.channels; }
  // Channels of what read() returns.
  [[nodiscard]] int channels() const { return channel_count(target_); }
  [[nodiscard]] std::int64_t frames() const { return info_.frames; }

  // Reads up to out.size() / channels() frames from the current position into
  // `out`, interleaved; returns the frames read, 0 at the end of the file.
  // Throws SoundFileError on a decoding error.
  std::size_t read(std::span<float> out);

  // Moves the read position to `frame` from the start.
  void seek(std::int64_t frame);

 private:
  struct Closer {
    void operator()(SNDFILE* file) const noexcept { sf_close(file); }
  };

  std::filesystem::path path_;
  ChannelTarget target_;
  SF_INFO info_{};
  std::unique_ptr<SNDFILE, Closer> file_;
  std::vector<StereoWeights> weights_;
  // File-channel samples of the last read, kept to avoid allocating per read.
  std::vector<float> scratch_;
};

// Decodes a whole file into memory.
Pcm decode_file(const std::filesystem::path& path, ChannelTarget target);

}  // namespace stillwater::audio

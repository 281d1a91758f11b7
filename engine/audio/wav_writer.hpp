#pragma once

#include <filesystem>
#include <span>

namespace stillwater::audio {

// Writes interleaved float samples to `path` as a 16-bit PCM WAV file.
// Throws std::runtime_error naming the file when it cannot be written.
void write_wav_16(const std::filesystem::path& path, std::span<const float> samples, int channels, int sample_rate);

}  // namespace stillwater::audio

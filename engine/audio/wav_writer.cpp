#include "audio/wav_writer.hpp"

#include <fmt/format.h>
#include <fmt/std.h>
#include <sndfile.h>

#include <memory>
#include <stdexcept>

namespace stillwater::audio {

void write_wav_16(const std::filesystem::path& path, std::span<const float> samples, int channels, int sample_rate) {
  SF_INFO info{};
  info.samplerate = sample_rate;
  info.channels = channels;
  info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;

  const auto closer = [](SNDFILE* file) { sf_close(file); };
  const std::unique_ptr<SNDFILE, decltype(closer)> file(sf_open(path.c_str(), SFM_WRITE, &info), closer);
  if (!file) {
    throw std::runtime_error(fmt::format("could not write {}: {}", path, sf_strerror(nullptr)));
  }
  // Clip rather than wrap samples beyond full scale.
  sf_command(file.get(), SFC_SET_CLIPPING, nullptr, SF_TRUE);

  const auto frames = static_cast<sf_count_t>(samples.size() / static_cast<std::size_t>(channels));
  if (sf_writef_float(file.get(), samples.data(), frames) != frames) {
    throw std::runtime_error(fmt::format("could not write {}: {}", path, sf_strerror(file.get())));
  }
}

}  // namespace stillwater::audio

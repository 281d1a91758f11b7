#include "audio/sound_file.hpp"

#include <fmt/format.h>
#include <fmt/std.h>

#include <algorithm>
#include <array>
#include <string>

namespace stillwater::audio {

namespace {

std::string format_name(int format) {
  SF_FORMAT_INFO info{};
  info.format = format;
  if (sf_command(nullptr, SFC_GET_FORMAT_INFO, &info, sizeof(info)) == 0 && info.name != nullptr) {
    return info.name;
  }
  return fmt::format("format 0x{:04x}", format);
}

bool is_supported_container(int major) {
  return major == SF_FORMAT_WAV || major == SF_FORMAT_WAVEX || major == SF_FORMAT_FLAC || major == SF_FORMAT_OGG;
}

bool is_supported_encoding(int subformat) {
  switch (subformat) {
    case SF_FORMAT_PCM_S8:
    case SF_FORMAT_PCM_U8:
    case SF_FORMAT_PCM_16:
    case SF_FORMAT_PCM_24:
    case SF_FORMAT_PCM_32:
    case SF_FORMAT_FLOAT:
    case SF_FORMAT_DOUBLE:
    case SF_FORMAT_VORBIS:
      return true;
    default:
      return false;
  }
}

}  // namespace

SoundFile::SoundFile(std::filesystem::path path, ChannelTarget target) : path_(std::move(path)), target_(target) {
  file_.reset(sf_open(path_.c_str(), SFM_READ, &info_));
  if (!file_) {
    throw SoundFileError(fmt::format("sound file {} could not be opened: {} Use a WAV, FLAC or Ogg Vorbis file.",
                                     path_, sf_strerror(nullptr)));
  }

  const int major = info_.format & SF_FORMAT_TYPEMASK;
  const int subformat = info_.format & SF_FORMAT_SUBMASK;
  if (!is_supported_container(major)) {
    throw SoundFileError(fmt::format("sound file {} is a {} file, which is not supported: convert it to WAV, "
                                     "FLAC or Ogg Vorbis",
                                     path_, format_name(major)));
  }
  if (!is_supported_encoding(subformat)) {
    throw SoundFileError(fmt::format("sound file {} uses the unsupported subformat {}: convert it to 16-bit or "
                                     "24-bit PCM, 32-bit float, FLAC or Ogg Vorbis",
                                     path_, format_name(subformat)));
  }
  if (info_.frames <= 0) {
    throw SoundFileError(fmt::format("sound file {} contains no audio", path_));
  }

  if (info_.channels > 2) {
    std::vector<int> channel_map(static_cast<std::size_t>(info_.channels));
    const auto map_bytes = static_cast<int>(channel_map.size() * sizeof(int));
    if (sf_command(file_.get(), SFC_GET_CHANNEL_MAP_INFO, channel_map.data(), map_bytes) != SF_TRUE) {
      channel_map.clear();
    }
    auto weights = stereo_downmix_weights(info_.channels, channel_map, major == SF_FORMAT_OGG);
    if (!weights) {
      throw SoundFileError(fmt::format("sound file {} has {} channels in a layout that cannot be downmixed to "
                                       "stereo: use mono, stereo, quad, 5.0, 5.1, 6.1 or 7.1",
                                       path_, info_.channels));
    }
    weights_ = std::move(*weights);
  }
}

std::size_t SoundFile::read(std::span<float> out) {
  const auto out_channels = static_cast<std::size_t>(channels());
  const auto in_channels = static_cast<std::size_t>(info_.channels);
  const std::size_t frames_requested = out.size() / out_channels;

  scratch_.resize(frames_requested * in_channels);
  const sf_count_t got = sf_readf_float(file_.get(), scratch_.data(), static_cast<sf_count_t>(frames_requested));
  if (got < 0 || (got == 0 && sf_error(file_.get()) != SF_ERR_NO_ERROR)) {
    throw SoundFileError(fmt::format("sound file {} could not be decoded: {}", path_, sf_strerror(file_.get())));
  }
  const auto frames = static_cast<std::size_t>(got);

  for (std::size_t frame = 0; frame < frames; ++frame) {
    const float* in = &scratch_[frame * in_channels];
    float left = in[0];
    float right = in_channels > 1 ? in[1] : in[0];
    if (!weights_.empty()) {
      left = 0.0F;
      right = 0.0F;
      for (std::size_t channel = 0; channel < in_channels; ++channel) {
        left += in[channel] * weights_[channel].left;
        right += in[channel] * weights_[channel].right;
      }
    }

    if (target_ == ChannelTarget::mono) {
      out[frame] = in_channels == 1 ? in[0] : 0.5F * (left + right);
    } else {
      out[frame * 2] = left;
      out[frame * 2 + 1] = right;
    }
  }
  return frames;
}

void SoundFile::seek(std::int64_t frame) {
  if (sf_seek(file_.get(), frame, SEEK_SET) < 0) {
    throw SoundFileError(
        fmt::format("sound file {} could not be read: seeking to frame {} failed: {}", path_, frame,
                    sf_strerror(file_.get())));
  }
}

Pcm decode_file(const std::filesystem::path& path, ChannelTarget target) {
  SoundFile file(path, target);

  Pcm pcm;
  pcm.sample_rate = file.sample_rate();
  pcm.channels = file.channels();
  pcm.samples.resize(static_cast<std::size_t>(file.frames()) * static_cast<std::size_t>(pcm.channels));

  // Read in blocks: libsndfile's frame count for Ogg Vorbis can be an
  // estimate, so the buffer is trimmed or grown to what was really decoded.
  std::size_t frames_read = 0;
  constexpr std::size_t kBlockFrames = 16384;
  const auto channels = static_cast<std::size_t>(pcm.channels);
  while (true) {
    if (pcm.samples.size() < (frames_read + kBlockFrames) * channels) {
      pcm.samples.resize((frames_read + kBlockFrames) * channels);
    }
    const std::size_t got =
        file.read(std::span<float>(pcm.samples).subspan(frames_read * channels, kBlockFrames * channels));
    if (got == 0) {
      break;
    }
    frames_read += got;
  }
  pcm.samples.resize(frames_read * channels);

  if (frames_read == 0) {
    throw SoundFileError(fmt::format("sound file {} contains no audio", path));
  }
  return pcm;
}

}  // namespace stillwater::audio

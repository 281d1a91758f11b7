#include "audio/audio_device.hpp"

#include "audio/al_check.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <vector>

namespace stillwater::audio {

namespace {

// Loads an ALC extension function; call only after checking its extension.
template <typename Function>
Function load_alc_function(ALCdevice* device, const char* name) {
  auto* function = reinterpret_cast<Function>(alcGetProcAddress(device, name));
  if (function == nullptr) {
    throw core::ApiError(fmt::format("alcGetProcAddress ({})", name), "ALC_INVALID_VALUE", ALC_INVALID_VALUE,
                         std::source_location::current());
  }
  return function;
}

// Loads an AL extension function; call only after checking its extension.
template <typename Function>
Function load_al_function(const char* name) {
  auto* function = reinterpret_cast<Function>(alGetProcAddress(name));
  if (function == nullptr) {
    throw core::ApiError(fmt::format("alGetProcAddress ({})", name), "AL_INVALID_VALUE", AL_INVALID_VALUE,
                         std::source_location::current());
  }
  return function;
}

std::string hrtf_status_name(ALCint status) {
  switch (status) {
    case ALC_HRTF_DISABLED_SOFT:
      return "ALC_HRTF_DISABLED_SOFT";
    case ALC_HRTF_ENABLED_SOFT:
      return "ALC_HRTF_ENABLED_SOFT";
    case ALC_HRTF_DENIED_SOFT:
      return "ALC_HRTF_DENIED_SOFT";
    case ALC_HRTF_REQUIRED_SOFT:
      return "ALC_HRTF_REQUIRED_SOFT";
    case ALC_HRTF_HEADPHONES_DETECTED_SOFT:
      return "ALC_HRTF_HEADPHONES_DETECTED_SOFT";
    case ALC_HRTF_UNSUPPORTED_FORMAT_SOFT:
      return "ALC_HRTF_UNSUPPORTED_FORMAT_SOFT";
    default:
      return fmt::format("ALCint({})", status);
  }
}

const char* present(bool value) { return value ? "yes" : "no"; }

}  // namespace

AudioDevice::AudioDevice(DeviceChoice choice) {
  if (choice == DeviceChoice::loopback) {
    if (alcIsExtensionPresent(nullptr, "ALC_SOFT_loopback") != ALC_TRUE) {
      throw core::ApiError("alcIsExtensionPresent (ALC_SOFT_loopback)", "ALC_FALSE", ALC_FALSE,
                           std::source_location::current());
    }
    const auto open_loopback = load_alc_function<LPALCLOOPBACKOPENDEVICESOFT>(nullptr, "alcLoopbackOpenDeviceSOFT");
    device_.reset(open_loopback(nullptr));
    alc_check_device(device_.get(), "alcLoopbackOpenDeviceSOFT");
    render_samples_ = load_alc_function<LPALCRENDERSAMPLESSOFT>(device_.get(), "alcRenderSamplesSOFT");
  } else {
    device_.reset(alcOpenDevice(nullptr));
    alc_check_device(device_.get(), "alcOpenDevice (default device)");
  }

  ALCdevice* device = device_.get();
  extensions_.hrtf = alcIsExtensionPresent(device, "ALC_SOFT_HRTF") == ALC_TRUE;
  extensions_.output_limiter = alcIsExtensionPresent(device, "ALC_SOFT_output_limiter") == ALC_TRUE;
  extensions_.disconnect = alcIsExtensionPresent(device, "ALC_EXT_disconnect") == ALC_TRUE;
  extensions_.pause_device = alcIsExtensionPresent(device, "ALC_SOFT_pause_device") == ALC_TRUE;

  open_context(choice);

  extensions_.direct_channels = alIsExtensionPresent("AL_SOFT_direct_channels") == AL_TRUE;
  extensions_.source_spatialize = alIsExtensionPresent("AL_SOFT_source_spatialize") == AL_TRUE;
  extensions_.deferred_updates = alIsExtensionPresent("AL_SOFT_deferred_updates") == AL_TRUE;
  if (extensions_.deferred_updates) {
    defer_updates_ = load_al_function<LPALDEFERUPDATESSOFT>("alDeferUpdatesSOFT");
    process_updates_ = load_al_function<LPALPROCESSUPDATESSOFT>("alProcessUpdatesSOFT");
  }
  if (alIsExtensionPresent("AL_EXT_FLOAT32") != AL_TRUE) {
    throw core::ApiError("alIsExtensionPresent (AL_EXT_FLOAT32)", "AL_FALSE", AL_FALSE,
                         std::source_location::current());
  }

  // Distance only ever lowers a sound: inside its reference distance it plays at full level.
  alDistanceModel(AL_INVERSE_DISTANCE_CLAMPED);
  al_check("alDistanceModel (AL_INVERSE_DISTANCE_CLAMPED)");

  read_hrtf_status();
  spdlog::info("audio: opened {} ({}): HRTF {}, output limiter {}, disconnect {}, direct channels {}, "
               "source spatialize {}, pause device {}",
               is_loopback() ? "loopback device" : "default device", alGetString(AL_VERSION),
               present(extensions_.hrtf), present(extensions_.output_limiter), present(extensions_.disconnect),
               present(extensions_.direct_channels), present(extensions_.source_spatialize),
               present(extensions_.pause_device));
  if (hrtf_active_) {
    spdlog::info("audio: HRTF active with data set \"{}\"", hrtf_name_);
  } else {
    spdlog::warn("audio: HRTF not active; sounds are panned without it");
  }
  if (!extensions_.direct_channels) {
    spdlog::warn("audio: AL_SOFT_direct_channels missing; beds are mixed through the spatial path");
  }
}

void AudioDevice::open_context(DeviceChoice choice) {
  std::vector<ALCint> attributes;
  if (choice == DeviceChoice::loopback) {
    attributes.insert(attributes.end(), {ALC_FORMAT_CHANNELS_SOFT, ALC_STEREO_SOFT, ALC_FORMAT_TYPE_SOFT,
                                         ALC_FLOAT_SOFT, ALC_FREQUENCY, kLoopbackSampleRate});
  }
  if (extensions_.hrtf) {
    attributes.insert(attributes.end(), {ALC_HRTF_SOFT, ALC_TRUE});
  }
  if (extensions_.output_limiter) {
    attributes.insert(attributes.end(), {ALC_OUTPUT_LIMITER_SOFT, ALC_TRUE});
  }
  attributes.push_back(0);

  context_.reset(alcCreateContext(device_.get(), attributes.data()));
  alc_check(device_.get(), "alcCreateContext (HRTF, output limiter)");
  if (!context_) {
    throw core::ApiError("alcCreateContext (HRTF, output limiter)", "ALC_INVALID_VALUE", ALC_INVALID_VALUE,
                         std::source_location::current());
  }
  alcMakeContextCurrent(context_.get());
  alc_check(device_.get(), "alcMakeContextCurrent");
}

void AudioDevice::read_hrtf_status() {
  if (!extensions_.hrtf) {
    return;
  }
  ALCint enabled = ALC_FALSE;
  ALCint status = ALC_HRTF_DISABLED_SOFT;
  alcGetIntegerv(device_.get(), ALC_HRTF_SOFT, 1, &enabled);
  alcGetIntegerv(device_.get(), ALC_HRTF_STATUS_SOFT, 1, &status);
  alc_check(device_.get(), "alcGetIntegerv (ALC_HRTF_SOFT, ALC_HRTF_STATUS_SOFT)");

  hrtf_active_ = enabled == ALC_TRUE;
  if (hrtf_active_) {
    const ALCchar* name = alcGetString(device_.get(), ALC_HRTF_SPECIFIER_SOFT);
    hrtf_name_ = name != nullptr ? name : "";
  } else {
    spdlog::info("audio: HRTF status {}", hrtf_status_name(status));
  }
}

bool AudioDevice::connected() const {
  if (!extensions_.disconnect) {
    return true;
  }
  ALCint connected = ALC_TRUE;
  alcGetIntegerv(device_.get(), ALC_CONNECTED, 1, &connected);
  return connected == ALC_TRUE;
}

void AudioDevice::render(std::span<float> out) const {
  render_samples_(device_.get(), out.data(), static_cast<ALCsizei>(out.size() / 2));
}

}  // namespace stillwater::audio

namespace stillwater::audio {

void AudioDevice::begin_batch() const {
  if (defer_updates_ != nullptr) {
    defer_updates_();
  }
}

void AudioDevice::end_batch() const {
  if (process_updates_ != nullptr) {
    process_updates_();
  }
}

}  // namespace stillwater::audio

#pragma once

#include "audio/al_objects.hpp"

#include <AL/alext.h>

#include <span>
#include <string>

namespace stillwater::audio {

// The OpenAL device the engine opens.
enum class DeviceChoice {
  // The system's default playback device.
  default_device,
  // OpenAL Soft's loopback device (ALC_SOFT_loopback): nothing is played and
  // the caller renders the mix into memory, for tests and offline renders.
  loopback,
};

// Sample rate of the loopback device, in Hz.
inline constexpr int kLoopbackSampleRate = 48000;

// The AL and ALC extensions the engine uses, as the device reports them.
struct AudioExtensions {
  bool hrtf = false;
  bool output_limiter = false;
  bool disconnect = false;
  bool pause_device = false;
  bool direct_channels = false;
  bool source_spatialize = false;
  bool deferred_updates = false;
};

// An open device with one current context: HRTF requested, OpenAL Soft's
// output limiter on, where the device offers them.
class AudioDevice {
 public:
  // Opens the device and makes its context current; throws core::ApiError
  // when there is none or it cannot be set up.
  explicit AudioDevice(DeviceChoice choice);

  [[nodiscard]] bool is_loopback() const { return render_samples_ != nullptr; }
  [[nodiscard]] const AudioExtensions& extensions() const { return extensions_; }
  [[nodiscard]] bool hrtf_active() const { return hrtf_active_; }
  [[nodiscard]] const std::string& hrtf_name() const { return hrtf_name_; }

  // False once the device reports ALC_CONNECTED as false (unplugged, or its
  // server went away). Always true without ALC_EXT_disconnect.
  [[nodiscard]] bool connected() const;

  // Loopback only: mixes out.size() / 2 stereo float frames into `out`.
  void render(std::span<float> out) const;

  // Holds back property changes until end_batch(), so they reach the mixer
  // together (AL_SOFT_deferred_updates); without the extension both do nothing.
  void begin_batch() const;
  void end_batch() const;

 private:
  void open_context(DeviceChoice choice);
  void read_hrtf_status();

  DeviceHandle device_;
  ContextHandle context_;
  AudioExtensions extensions_;
  LPALCRENDERSAMPLESSOFT render_samples_ = nullptr;
  LPALDEFERUPDATESSOFT defer_updates_ = nullptr;
  LPALPROCESSUPDATESSOFT process_updates_ = nullptr;
  bool hrtf_active_ = false;
  std::string hrtf_name_;
};

}  // namespace stillwater::audio

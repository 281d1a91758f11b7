#pragma once

#include "audio/audio_device.hpp"
#include "audio/prepared_soundscape.hpp"
#include "core/comfort.hpp"
#include "scene/sound.hpp"

#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <thread>

namespace stillwater::audio {

// Hard ceiling on the master gain: ComfortSettings::volume 1.0 plays at this
// linear factor (-6 dB), and nothing the nurse or a scene sets goes above it.
inline constexpr float kVolumeCeiling = 0.5F;

// Fastest change of the master level (fade times volume, 0..1) per second.
// Steps from the caller are spread over at least 1 / this seconds, and stop
// now reaches silence within that time.
inline constexpr float kMaxLevelChangePerSecond = 2.0F;

// How long sound takes to fade back in after the device returns, in seconds.
inline constexpr float kRecoveryFadeSeconds = 3.0F;

// The head pose in world space (right-handed, +y up, -z ahead, metres), with
// the recline rotation already applied.
struct ListenerPose {
  glm::vec3 position{0.0F};
  glm::quat orientation{1.0F, 0.0F, 0.0F, 0.0F};
};

// What the session controller decides about sound for one frame.
struct AudioFrame {
  // Fade with the picture: 0 silence, 1 full level.
  float fade = 0.0F;
  // ComfortSettings::volume, 0..1.
  float volume = 0.7F;
  core::MotionLevel motion = core::MotionLevel::gentle;
};

enum class AudioHealthState {
  // Playing, or ready to play.
  ok,
  // No sound device was found: the session runs without sound.
  no_device,
  // The device went away mid-session; the engine reopens it when it returns.
  device_lost,
  // A sound could not be played; see the message.
  failed,
};

// The engine's state for the companion page, with a message in plain words.
struct AudioHealth {
  AudioHealthState state = AudioHealthState::ok;
  std::string message;
};

std::string_view to_string(AudioHealthState state);

// Plays a scene's soundscape through OpenAL Soft with HRTF. The frame loop
// calls update() every frame; it never waits on the device, the decoders or
// the disk. With a real device a worker thread refills streams and watches
// for the device going away; with the loopback device the caller drives
// everything through render().
class AudioEngine {
 public:
  // Opens the device. Without any playback device the engine still works and
  // plays nothing; health() then reports no_device and this is logged once.
  // A missing loopback device throws core::ApiError.
  explicit AudioEngine(DeviceChoice choice);
  AudioEngine(const AudioEngine&) = delete;
  AudioEngine& operator=(const AudioEngine&) = delete;
  ~AudioEngine();

  // Replaces what plays with `soundscape`, starting from silence. Decodes and
  // measures every asset here, so call it off the frame loop. Throws
  // SoundFileError or std::invalid_argument for files it cannot play. `seed`
  // decides which one-shots play where and when.
  void load(const scene::Soundscape& soundscape, std::uint64_t seed = 1);

  // The same with the soundscape already decoded and measured, which
  // prepare_soundscape can do on another thread. What remains opens the bed
  // streams and starts the voices.
  void load(PreparedSoundscape prepared, std::uint64_t seed = 1);

  // Moves the listener to the head pose, applies the frame's fade, volume and
  // motion level, and starts due one-shots. `time_s` is the session clock in
  // seconds. Cheap and non-blocking: when the worker is busy rebuilding a
  // lost device the frame is skipped. Never throws; a failing call is logged
  // once and reported through health().
  void update(const ListenerPose& pose, const AudioFrame& frame, double time_s) noexcept;

  // Fades everything to silence within 1 / kMaxLevelChangePerSecond seconds,
  // whatever fade later frames request, then pauses every source. With a
  // real device the fade finishes by the wall clock even if update() is no
  // longer called. Lasts until the next load().
  void stop_now() noexcept;

  [[nodiscard]] AudioHealth health() const;
  [[nodiscard]] bool hrtf_active() const;

  // One-shots started since load(), for tests and offline renders.
  [[nodiscard]] std::size_t one_shots_started() const { return one_shots_started_.load(); }
  // The master gain last given to the listener (level times recovery fade
  // times ceiling); 0 while the device is lost, since nothing plays.
  [[nodiscard]] float master_gain() const { return master_gain_.load(); }

  // Loopback only: mixes out.size() / 2 stereo frames (interleaved float).
  // Waits for the bed decoders rather than let a stream run dry.
  void render(std::span<float> out);
  // Loopback only: as above, as 16-bit samples.
  void render(std::span<std::int16_t> out);

 private:
  struct Loaded;

  void set_health(AudioHealthState state, std::string message);
  void apply_frame(const ListenerPose& pose, const AudioFrame& frame, double time_s);
  void watch_device(const std::stop_token& stop);
  void check_connection();
  void follow_stop_clock(std::chrono::steady_clock::time_point now);
  void try_reopen();

  mutable std::mutex mutex_;
  std::unique_ptr<AudioDevice> device_;
  std::unique_ptr<Loaded> loaded_;

  float level_ = 0.0F;
  float recovery_ = 1.0F;
  std::optional<double> last_time_s_;
  bool stop_now_ = false;
  // When stop now was called and the level then, so the worker can finish
  // the fade by the wall clock if frames stop arriving.
  std::chrono::steady_clock::time_point stop_started_;
  float stop_level_ = 0.0F;
  bool silenced_ = false;
  bool update_failed_ = false;

  std::atomic<std::size_t> one_shots_started_{0};
  std::atomic<float> master_gain_{0.0F};

  mutable std::mutex health_mutex_;
  AudioHealth health_;

  std::jthread worker_;
};

}  // namespace stillwater::audio

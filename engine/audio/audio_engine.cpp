#include "audio/audio_engine.hpp"

#include "audio/al_check.hpp"
#include "audio/bed_stream.hpp"
#include "audio/loudness.hpp"
#include "audio/one_shot_scheduler.hpp"
#include "audio/prepared_soundscape.hpp"
#include "audio/voices.hpp"

#include <AL/alext.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <exception>
#include <stdexcept>
#include <vector>

namespace stillwater::audio {

namespace {

// How far ahead each bed is decoded, in seconds.
constexpr double kStreamAheadSeconds = 2.0;

// The worker's period, and how often it checks that the device is still there.
constexpr auto kWorkerPeriod = std::chrono::milliseconds(20);
constexpr auto kConnectionCheckPeriod = std::chrono::milliseconds(100);
constexpr auto kReopenPeriod = std::chrono::seconds(1);

// Frames mixed per step of render(): short enough that the bed queues
// (4 buffers of 4096 frames) are refilled long before they run dry.
constexpr std::size_t kRenderStepFrames = 1024;

// Maximum clock step update() accepts, in seconds, so a stalled frame does
// not turn into a jump in level.
constexpr double kMaxFrameStepSeconds = 0.25;

constexpr std::string_view kNoDeviceMessage =
    "No sound device was found, so this session has no sound. Check that the headphones or speakers are "
    "connected and switched on, then start a new session.";
constexpr std::string_view kDeviceLostMessage =
    "The sound device was disconnected. Sound will fade back in when it is connected again.";

}  // namespace

struct AudioEngine::Loaded {
  PreparedSoundscape prepared;
  // Before voices: a bed voice reads from its stream until it is destroyed.
  std::vector<std::unique_ptr<BedStream>> streams;
  std::vector<OneShotScheduler> schedulers;
  std::unique_ptr<SceneVoices> voices;
};

std::string_view to_string(AudioHealthState state) {
  switch (state) {
    case AudioHealthState::ok:
      return "ok";
    case AudioHealthState::no_device:
      return "no_device";
    case AudioHealthState::device_lost:
      return "device_lost";
    case AudioHealthState::failed:
      return "failed";
  }
  return "unknown";
}

AudioEngine::AudioEngine(DeviceChoice choice) {
  try {
    device_ = std::make_unique<AudioDevice>(choice);
  } catch (const core::ApiError& error) {
    if (choice == DeviceChoice::loopback) {
      throw;
    }
    spdlog::warn("audio: no sound device ({}); the session runs without sound", error.what());
    set_health(AudioHealthState::no_device, std::string(kNoDeviceMessage));
    return;
  }

  // Nothing may sound before the first frame fades it in.
  alListenerf(AL_GAIN, 0.0F);
  al_check("alListenerf (AL_GAIN, silence)");

  if (!device_->is_loopback()) {
    worker_ = std::jthread([this](const std::stop_token& stop) { watch_device(stop); });
  }
}

AudioEngine::~AudioEngine() {
  // Stop the worker before the device and streams it uses go away.
  worker_ = {};
}

void AudioEngine::load(const scene::Soundscape& soundscape, std::uint64_t seed) {
  load(prepare_soundscape(soundscape), seed);
}

void AudioEngine::load(PreparedSoundscape prepared, std::uint64_t seed) {
  auto loaded = std::make_unique<Loaded>();
  loaded->prepared = std::move(prepared);

  // Without any device nothing will play this session, so nothing is streamed.
  if (health().state != AudioHealthState::no_device) {
    for (const auto& bed : loaded->prepared.beds) {
      loaded->streams.push_back(std::make_unique<BedStream>(bed.path, bed.gain, kStreamAheadSeconds));
    }
  }
  SeededRandom seeds(seed);
  for (const auto& set : loaded->prepared.one_shots) {
    loaded->schedulers.emplace_back(set.interval_min_s, set.interval_max_s, seeds.next());
  }

  const std::scoped_lock lock(mutex_);
  loaded_.reset();
  level_ = 0.0F;
  last_time_s_.reset();
  stop_now_ = false;
  silenced_ = false;
  one_shots_started_ = 0;

  if (device_) {
    alListenerf(AL_GAIN, 0.0F);
    al_check("alListenerf (AL_GAIN, silence)");
    loaded->voices = std::make_unique<SceneVoices>(loaded->prepared, loaded->streams, device_->extensions());
    loaded->voices->play();
  }
  spdlog::info("audio: loaded {} bed(s), {} loop(s), {} one-shot set(s)", loaded->prepared.beds.size(),
               loaded->prepared.loops.size(), loaded->prepared.one_shots.size());
  loaded_ = std::move(loaded);
}

void AudioEngine::update(const ListenerPose& pose, const AudioFrame& frame, double time_s) noexcept {
  const std::unique_lock lock(mutex_, std::try_to_lock);
  if (!lock.owns_lock()) {
    return;
  }

  try {
    apply_frame(pose, frame, time_s);
  } catch (const std::exception& error) {
    if (!update_failed_) {
      update_failed_ = true;
      spdlog::error("audio: frame update failed: {}", error.what());
      set_health(AudioHealthState::failed, std::string("Sound stopped because of an error: ") + error.what());
    }
  }
}

void AudioEngine::apply_frame(const ListenerPose& pose, const AudioFrame& frame, double time_s) {
  const double step_s = last_time_s_ ? std::clamp(time_s - *last_time_s_, 0.0, kMaxFrameStepSeconds) : 0.0;
  last_time_s_ = time_s;

  // Slew the level so that no request, however abrupt, becomes a click.
  const float target = stop_now_ ? 0.0F : std::clamp(frame.volume, 0.0F, 1.0F) * std::clamp(frame.fade, 0.0F, 1.0F);
  const auto max_step = static_cast<float>(kMaxLevelChangePerSecond * step_s);
  level_ += std::clamp(target - level_, -max_step, max_step);
  recovery_ = std::min(1.0F, recovery_ + static_cast<float>(step_s / kRecoveryFadeSeconds));

  if (!device_ || !loaded_ || !loaded_->voices) {
    return;
  }

  const float gain = level_ * recovery_ * kVolumeCeiling;
  const glm::vec3 forward = pose.orientation * glm::vec3(0.0F, 0.0F, -1.0F);
  const glm::vec3 up = pose.orientation * glm::vec3(0.0F, 1.0F, 0.0F);
  const std::array<ALfloat, 6> orientation{forward.x, forward.y, forward.z, up.x, up.y, up.z};

  // Apply gain and pose together, in one mixer update.
  device_->begin_batch();
  alListenerf(AL_GAIN, gain);
  alListener3f(AL_POSITION, pose.position.x, pose.position.y, pose.position.z);
  alListenerfv(AL_ORIENTATION, orientation.data());
  device_->end_batch();
  al_check("alListener (gain, position, orientation)");
  master_gain_ = gain;

  if (stop_now_) {
    if (level_ == 0.0F && !silenced_) {
      loaded_->voices->pause();
      silenced_ = true;
    }
    return;
  }

  for (std::size_t index = 0; index < loaded_->schedulers.size(); ++index) {
    auto& scheduler = loaded_->schedulers[index];
    if (!scheduler.poll(time_s, frame.motion)) {
      continue;
    }

    const auto& set = loaded_->prepared.one_shots[index];
    auto& random = scheduler.random();
    const std::size_t sound = random.index(set.sounds.size());
    const glm::vec3 low = set.region.centre - set.region.half_extent;
    const glm::vec3 high = set.region.centre + set.region.half_extent;
    const glm::vec3 position{random.uniform(low.x, high.x), random.uniform(low.y, high.y),
                             random.uniform(low.z, high.z)};
    const float gain_db = static_cast<float>(random.uniform(set.gain_min_db, set.gain_max_db));
    if (loaded_->voices->one_shots[index].start(sound, position, db_to_linear(gain_db))) {
      ++one_shots_started_;
    }
  }
}

void AudioEngine::stop_now() noexcept {
  const std::scoped_lock lock(mutex_);
  if (!stop_now_) {
    spdlog::info("audio: stop now, fading to silence");
    stop_started_ = std::chrono::steady_clock::now();
    stop_level_ = level_;
  }
  stop_now_ = true;
}

AudioHealth AudioEngine::health() const {
  const std::scoped_lock lock(health_mutex_);
  return health_;
}

bool AudioEngine::hrtf_active() const {
  const std::scoped_lock lock(mutex_);
  return device_ && device_->hrtf_active();
}

void AudioEngine::set_health(AudioHealthState state, std::string message) {
  const std::scoped_lock lock(health_mutex_);
  health_ = {state, std::move(message)};
}

void AudioEngine::render(std::span<float> out) {
  const std::scoped_lock lock(mutex_);
  if (!device_ || !device_->is_loopback()) {
    throw std::logic_error("AudioEngine::render needs the loopback device");
  }

  const std::size_t frames = out.size() / 2;
  for (std::size_t done = 0; done < frames; done += kRenderStepFrames) {
    if (loaded_ && loaded_->voices && !silenced_) {
      for (auto& bed : loaded_->voices->beds) {
        bed.pump(true);
      }
    }
    const std::size_t step = std::min(kRenderStepFrames, frames - done);
    device_->render(out.subspan(done * 2, step * 2));
  }
}

void AudioEngine::render(std::span<std::int16_t> out) {
  std::vector<float> mix(out.size());
  render(std::span<float>(mix));
  std::transform(mix.begin(), mix.end(), out.begin(), [](float sample) {
    return static_cast<std::int16_t>(std::lround(std::clamp(sample, -1.0F, 1.0F) * 32767.0F));
  });
}

void AudioEngine::watch_device(const std::stop_token& stop) {
  auto next_check = std::chrono::steady_clock::now();
  auto next_reopen = next_check;
  bool pump_failed = false;
  bool stream_failed = false;

  while (!stop.stop_requested()) {
    std::this_thread::sleep_for(kWorkerPeriod);
    const auto now = std::chrono::steady_clock::now();

    bool lost = false;
    {
      const std::scoped_lock lock(mutex_);
      lost = !device_;
      if (device_ && loaded_ && loaded_->voices && !silenced_) {
        try {
          for (auto& bed : loaded_->voices->beds) {
            bed.pump(false);
          }
        } catch (const std::exception& error) {
          if (!pump_failed) {
            pump_failed = true;
            spdlog::error("audio: refilling a bed failed: {}", error.what());
          }
        }
      }
      if (loaded_ && !stream_failed) {
        for (const auto& stream : loaded_->streams) {
          if (stream->failed()) {
            stream_failed = true;
            set_health(AudioHealthState::failed,
                       "A background sound stopped because its file could not be read; see the log.");
          }
        }
      }
      follow_stop_clock(now);
      if (device_ && now >= next_check) {
        next_check = now + kConnectionCheckPeriod;
        check_connection();
      }
    }

    if (lost && now >= next_reopen) {
      next_reopen = now + kReopenPeriod;
      try_reopen();
    }
  }
}

void AudioEngine::follow_stop_clock(std::chrono::steady_clock::time_point now) {
  if (!stop_now_ || silenced_ || !device_ || !loaded_ || !loaded_->voices) {
    return;
  }

  const std::chrono::duration<double> elapsed = now - stop_started_;
  const float ceiling = std::max(0.0F, stop_level_ - static_cast<float>(kMaxLevelChangePerSecond * elapsed.count()));
  try {
    if (level_ > ceiling) {
      level_ = ceiling;
      const float gain = level_ * recovery_ * kVolumeCeiling;
      alListenerf(AL_GAIN, gain);
      al_check("alListenerf (AL_GAIN, stop now)");
      master_gain_ = gain;
    }
    if (level_ == 0.0F) {
      loaded_->voices->pause();
      silenced_ = true;
    }
  } catch (const std::exception& error) {
    // Give up on the fade rather than retry and log every period.
    spdlog::error("audio: fading out for stop now failed: {}", error.what());
    silenced_ = true;
  }
}

void AudioEngine::check_connection() {
  if (device_->connected()) {
    return;
  }

  // The gain reads 0 before the loss is reported, so no reader of health()
  // sees device_lost with the gain from before.
  spdlog::error("audio: device disconnected; will reopen it when it returns");
  master_gain_ = 0.0F;
  set_health(AudioHealthState::device_lost, std::string(kDeviceLostMessage));
  if (loaded_) {
    loaded_->voices.reset();
  }
  device_.reset();
}

void AudioEngine::try_reopen() {
  // Opening can take a while, so the frame loop keeps running meanwhile.
  std::unique_ptr<AudioDevice> device;
  try {
    device = std::make_unique<AudioDevice>(DeviceChoice::default_device);
  } catch (const core::ApiError& error) {
    spdlog::debug("audio: device not back yet: {}", error.what());
    return;
  }

  const std::scoped_lock lock(mutex_);
  device_ = std::move(device);
  try {
    alListenerf(AL_GAIN, 0.0F);
    al_check("alListenerf (AL_GAIN, silence)");
    master_gain_ = 0.0F;
    recovery_ = 0.0F;
    if (loaded_) {
      loaded_->voices = std::make_unique<SceneVoices>(loaded_->prepared, loaded_->streams, device_->extensions());
      if (!silenced_) {
        loaded_->voices->play();
      }
    }
  } catch (const std::exception& error) {
    spdlog::error("audio: rebuilding sound on the reopened device failed: {}", error.what());
    set_health(AudioHealthState::failed, std::string("Sound could not be restored: ") + error.what());
    return;
  }
  spdlog::info("audio: device reopened; fading sound back in");
  set_health(AudioHealthState::ok, "");
}

}  // namespace stillwater::audio

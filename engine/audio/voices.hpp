#pragma once

#include "audio/al_objects.hpp"
#include "audio/audio_device.hpp"
#include "audio/bed_stream.hpp"
#include "audio/prepared_soundscape.hpp"

#include <glm/glm.hpp>

#include <array>
#include <memory>
#include <vector>

namespace stillwater::audio {

// The AL side of a streamed bed: one source fed a queue of buffers from its
// BedStream. Plays through direct channels, so a left-only recording stays
// in the left ear even with HRTF on.
class BedVoice {
 public:
  BedVoice(BedStream& stream, const AudioExtensions& extensions);

  // Moves played buffers back to the stream's queue. With `wait`, waits for
  // the decoder instead of leaving a buffer unfilled (offline renders only).
  // Restarts the source if it ran dry while it should be playing.
  void pump(bool wait);

  void play();
  void pause();

 private:
  static constexpr std::size_t kBufferCount = 4;
  static constexpr std::size_t kBufferFrames = 4096;

  BedStream* stream_;
  // Before source_, so the source is deleted first: OpenAL Soft rejects
  // deleting a buffer still queued on a source (AL_INVALID_OPERATION).
  std::array<AlBuffer, kBufferCount> buffers_;
  AlSource source_;
  std::array<ALuint, kBufferCount> free_{};
  std::size_t free_count_ = 0;
  std::vector<float> scratch_;
  bool playing_ = false;
};

// A positioned, looped mono sound.
class LoopVoice {
 public:
  LoopVoice(const PreparedLoop& loop, const AudioExtensions& extensions);
  void play();
  void pause();

 private:
  AlBuffer buffer_;
  AlSource source_;
};

// The few sources that play one set of one-shots, so plays may overlap.
class OneShotVoices {
 public:
  OneShotVoices(const PreparedOneShotSet& set, const AudioExtensions& extensions);

  // Starts sound `index` at `position` with linear `gain` (at most 1) on a
  // free source; returns false when every source is busy.
  bool start(std::size_t index, glm::vec3 position, float gain);
  void pause();

 private:
  static constexpr std::size_t kSourceCount = 3;

  std::vector<AlBuffer> buffers_;
  std::array<AlSource, kSourceCount> sources_;
};

// Every voice of a soundscape on the current context. Destroy before the
// context that created it.
struct SceneVoices {
  SceneVoices(const PreparedSoundscape& soundscape, const std::vector<std::unique_ptr<BedStream>>& streams,
              const AudioExtensions& extensions);

  void play();
  void pause();

  std::vector<BedVoice> beds;
  std::vector<LoopVoice> loops;
  std::vector<OneShotVoices> one_shots;
};

}  // namespace stillwater::audio

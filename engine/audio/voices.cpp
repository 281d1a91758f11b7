#include "audio/voices.hpp"

#include "audio/al_check.hpp"

#include <AL/alext.h>
#include <fmt/format.h>

#include <chrono>
#include <stdexcept>
#include <thread>

namespace stillwater::audio {

namespace {

AlBuffer upload(const Pcm& pcm, const std::string& name) {
  AlBuffer buffer = make_buffer(name.c_str());
  const ALenum format = pcm.channels == 1 ? AL_FORMAT_MONO_FLOAT32 : AL_FORMAT_STEREO_FLOAT32;
  alBufferData(buffer.get(), format, pcm.samples.data(), static_cast<ALsizei>(pcm.samples.size() * sizeof(float)),
               pcm.sample_rate);
  al_check(fmt::format("alBufferData ({}, {} frames at {} Hz)", name, pcm.frames(), pcm.sample_rate));
  return buffer;
}

void set_spatialize(ALuint source, const AudioExtensions& extensions, ALint value) {
  if (extensions.source_spatialize) {
    alSourcei(source, AL_SOURCE_SPATIALIZE_SOFT, value);
  }
}

}  // namespace

BedVoice::BedVoice(BedStream& stream, const AudioExtensions& extensions)
    : stream_(&stream), source_(make_source("bed")), scratch_(kBufferFrames * BedStream::kChannels) {
  for (std::size_t i = 0; i < kBufferCount; ++i) {
    buffers_[i] = make_buffer("bed stream");
    free_[i] = buffers_[i].get();
  }
  free_count_ = kBufferCount;

  const ALuint source = source_.get();
  alSourcei(source, AL_SOURCE_RELATIVE, AL_TRUE);
  alSource3f(source, AL_POSITION, 0.0F, 0.0F, 0.0F);
  alSourcef(source, AL_ROLLOFF_FACTOR, 0.0F);
  if (extensions.direct_channels) {
    alSourcei(source, AL_DIRECT_CHANNELS_SOFT, AL_TRUE);
  }
  set_spatialize(source, extensions, AL_FALSE);
  al_check("alSourcei (bed: relative, direct channels)");
}

void BedVoice::pump(bool wait) {
  const ALuint source = source_.get();

  ALint processed = 0;
  alGetSourcei(source, AL_BUFFERS_PROCESSED, &processed);
  for (; processed > 0 && free_count_ < kBufferCount; --processed) {
    alSourceUnqueueBuffers(source, 1, &free_[free_count_]);
    ++free_count_;
  }
  al_check("alSourceUnqueueBuffers (bed)");

  while (free_count_ > 0) {
    if (wait) {
      // Offline renders run faster than real time; give the decoder a moment.
      for (int tries = 0; stream_->readable_frames() < kBufferFrames && !stream_->failed() && tries < 5000;
           ++tries) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
      }
    }
    if (stream_->readable_frames() < kBufferFrames) {
      break;
    }
    stream_->read(scratch_);
    const ALuint buffer = free_[free_count_ - 1];
    alBufferData(buffer, AL_FORMAT_STEREO_FLOAT32, scratch_.data(),
                 static_cast<ALsizei>(scratch_.size() * sizeof(float)), stream_->sample_rate());
    alSourceQueueBuffers(source, 1, &buffer);
    --free_count_;
  }
  al_check("alSourceQueueBuffers (bed)");

  if (playing_ && free_count_ < kBufferCount) {
    ALint state = AL_STOPPED;
    alGetSourcei(source, AL_SOURCE_STATE, &state);
    if (state != AL_PLAYING) {
      alSourcePlay(source);
      al_check("alSourcePlay (bed after underrun)");
    }
  }
}

void BedVoice::play() {
  playing_ = true;
  pump(false);
}

void BedVoice::pause() {
  playing_ = false;
  alSourcePause(source_.get());
  al_check("alSourcePause (bed)");
}

LoopVoice::LoopVoice(const PreparedLoop& loop, const AudioExtensions& extensions)
    : buffer_(upload(loop.pcm, loop.name)), source_(make_source(loop.name.c_str())) {
  const ALuint source = source_.get();
  alSourcei(source, AL_BUFFER, static_cast<ALint>(buffer_.get()));
  alSourcei(source, AL_LOOPING, AL_TRUE);
  alSource3f(source, AL_POSITION, loop.position.x, loop.position.y, loop.position.z);
  alSourcef(source, AL_REFERENCE_DISTANCE, loop.reference_distance_m);
  set_spatialize(source, extensions, AL_TRUE);
  al_check(fmt::format("alSourcei ({}: buffer, looping, position)", loop.name));
}

void LoopVoice::play() {
  alSourcePlay(source_.get());
  al_check("alSourcePlay (loop)");
}

void LoopVoice::pause() {
  alSourcePause(source_.get());
  al_check("alSourcePause (loop)");
}

OneShotVoices::OneShotVoices(const PreparedOneShotSet& set, const AudioExtensions& extensions) {
  for (const auto& sound : set.sounds) {
    buffers_.push_back(upload(sound, set.name));
  }
  for (auto& source : sources_) {
    source = make_source(set.name.c_str());
    set_spatialize(source.get(), extensions, AL_TRUE);
  }
  al_check(fmt::format("alSourcei ({}: spatialize)", set.name));
}

bool OneShotVoices::start(std::size_t index, glm::vec3 position, float gain) {
  for (const auto& voice : sources_) {
    const ALuint source = voice.get();
    ALint state = AL_STOPPED;
    alGetSourcei(source, AL_SOURCE_STATE, &state);
    if (state == AL_PLAYING || state == AL_PAUSED) {
      continue;
    }

    alSourcei(source, AL_BUFFER, static_cast<ALint>(buffers_.at(index).get()));
    alSource3f(source, AL_POSITION, position.x, position.y, position.z);
    alSourcef(source, AL_GAIN, gain);
    alSourcePlay(source);
    al_check("alSourcePlay (one-shot)");
    return true;
  }
  return false;
}

void OneShotVoices::pause() {
  for (const auto& source : sources_) {
    alSourcePause(source.get());
  }
  al_check("alSourcePause (one-shots)");
}

SceneVoices::SceneVoices(const PreparedSoundscape& soundscape,
                         const std::vector<std::unique_ptr<BedStream>>& streams, const AudioExtensions& extensions) {
  beds.reserve(streams.size());
  for (const auto& stream : streams) {
    beds.emplace_back(*stream, extensions);
  }
  for (const auto& loop : soundscape.loops) {
    loops.emplace_back(loop, extensions);
  }
  for (const auto& set : soundscape.one_shots) {
    one_shots.emplace_back(set, extensions);
  }
}

void SceneVoices::play() {
  for (auto& bed : beds) {
    bed.play();
  }
  for (auto& loop : loops) {
    loop.play();
  }
}

void SceneVoices::pause() {
  for (auto& bed : beds) {
    bed.pause();
  }
  for (auto& loop : loops) {
    loop.pause();
  }
  for (auto& set : one_shots) {
    set.pause();
  }
}

}  // namespace stillwater::audio

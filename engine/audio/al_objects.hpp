#pragma once

#include <AL/al.h>
#include <AL/alc.h>

#include <memory>
#include <utility>

namespace stillwater::audio {

struct DeviceCloser {
  void operator()(ALCdevice* device) const noexcept { alcCloseDevice(device); }
};

struct ContextDestroyer {
  void operator()(ALCcontext* context) const noexcept {
    // A context must not be current when it is destroyed.
    if (alcGetCurrentContext() == context) {
      alcMakeContextCurrent(nullptr);
    }
    alcDestroyContext(context);
  }
};

using DeviceHandle = std::unique_ptr<ALCdevice, DeviceCloser>;
using ContextHandle = std::unique_ptr<ALCcontext, ContextDestroyer>;

// One AL object name (a source or a buffer), deleted with its owner. Deleting
// needs the context that created it to be current, so owners of these must
// be destroyed before the context: declare the context first.
template <void (*Delete)(ALsizei, const ALuint*)>
class AlName {
 public:
  AlName() = default;
  explicit AlName(ALuint name) : name_(name) {}
  AlName(const AlName&) = delete;
  AlName& operator=(const AlName&) = delete;
  AlName(AlName&& other) noexcept : name_(std::exchange(other.name_, 0)) {}
  AlName& operator=(AlName&& other) noexcept {
    if (this != &other) {
      reset();
      name_ = std::exchange(other.name_, 0);
    }
    return *this;
  }
  ~AlName() { reset(); }

  [[nodiscard]] ALuint get() const { return name_; }

  void reset() noexcept {
    if (name_ != 0) {
      Delete(1, &name_);
      name_ = 0;
    }
  }

 private:
  ALuint name_ = 0;
};

inline void delete_sources(ALsizei count, const ALuint* names) { alDeleteSources(count, names); }
inline void delete_buffers(ALsizei count, const ALuint* names) { alDeleteBuffers(count, names); }

using AlSource = AlName<&delete_sources>;
using AlBuffer = AlName<&delete_buffers>;

// Generates one source; throws core::ApiError naming `what` on failure.
AlSource make_source(const char* what);

// Generates one buffer; throws core::ApiError naming `what` on failure.
AlBuffer make_buffer(const char* what);

}  // namespace stillwater::audio

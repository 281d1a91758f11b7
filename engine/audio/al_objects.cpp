#include "audio/al_objects.hpp"

#include "audio/al_check.hpp"

#include <fmt/format.h>

namespace stillwater::audio {

AlSource make_source(const char* what) {
  ALuint name = 0;
  alGenSources(1, &name);
  al_check(fmt::format("alGenSources ({})", what));
  return AlSource(name);
}

AlBuffer make_buffer(const char* what) {
  ALuint name = 0;
  alGenBuffers(1, &name);
  al_check(fmt::format("alGenBuffers ({})", what));
  return AlBuffer(name);
}

}  // namespace stillwater::audio

#include "audio/al_check.hpp"

#include <string>

namespace stillwater::audio {

std::string al_error_name(ALenum error) {
  switch (error) {
    case AL_NO_ERROR:
      return "AL_NO_ERROR";
    case AL_INVALID_NAME:
      return "AL_INVALID_NAME";
    case AL_INVALID_ENUM:
      return "AL_INVALID_ENUM";
    case AL_INVALID_VALUE:
      return "AL_INVALID_VALUE";
    case AL_INVALID_OPERATION:
      return "AL_INVALID_OPERATION";
    case AL_OUT_OF_MEMORY:
      return "AL_OUT_OF_MEMORY";
    default:
      break;
  }
  return "ALenum(" + std::to_string(error) + ")";
}

std::string alc_error_name(ALCenum error) {
  switch (error) {
    case ALC_NO_ERROR:
      return "ALC_NO_ERROR";
    case ALC_INVALID_DEVICE:
      return "ALC_INVALID_DEVICE";
    case ALC_INVALID_CONTEXT:
      return "ALC_INVALID_CONTEXT";
    case ALC_INVALID_ENUM:
      return "ALC_INVALID_ENUM";
    case ALC_INVALID_VALUE:
      return "ALC_INVALID_VALUE";
    case ALC_OUT_OF_MEMORY:
      return "ALC_OUT_OF_MEMORY";
    default:
      break;
  }
  return "ALCenum(" + std::to_string(error) + ")";
}

void al_check(std::string_view call, const std::source_location& location) {
  const ALenum error = alGetError();
  if (error != AL_NO_ERROR) {
    throw core::ApiError(call, al_error_name(error), error, location);
  }
}

void alc_check(ALCdevice* device, std::string_view call, const std::source_location& location) {
  const ALCenum error = alcGetError(device);
  if (error != ALC_NO_ERROR) {
    throw core::ApiError(call, alc_error_name(error), error, location);
  }
}

void alc_check_device(ALCdevice* device, std::string_view call, const std::source_location& location) {
  if (device == nullptr) {
    throw core::ApiError(call, alc_error_name(ALC_INVALID_DEVICE), ALC_INVALID_DEVICE, location);
  }
}

}  // namespace stillwater::audio

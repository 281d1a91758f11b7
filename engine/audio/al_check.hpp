#pragma once

#include "core/api_error.hpp"

#include <AL/al.h>
#include <AL/alc.h>

#include <source_location>
#include <string>
#include <string_view>

namespace stillwater::audio {

// The symbolic name of an alGetError result, such as "AL_INVALID_VALUE";
// codes OpenAL 1.1 does not define read as "ALenum(<number>)".
std::string al_error_name(ALenum error);

// The symbolic name of an alcGetError result, such as "ALC_INVALID_DEVICE".
std::string alc_error_name(ALCenum error);

// Throws core::ApiError when alGetError reports an error for the current
// context. `call` names the AL function and what it worked on, for example
// "alBufferData (sea_waves.flac, 2.1 MiB)". Reading the error clears it.
void al_check(std::string_view call, const std::source_location& location = std::source_location::current());

// Throws core::ApiError when alcGetError reports an error for `device`
// (which may be null for calls made without a device).
void alc_check(ALCdevice* device, std::string_view call,
               const std::source_location& location = std::source_location::current());

// Throws core::ApiError naming ALC_INVALID_DEVICE when `device` is null: the
// way alcOpenDevice and alcLoopbackOpenDeviceSOFT report failure.
void alc_check_device(ALCdevice* device, std::string_view call,
                      const std::source_location& location = std::source_location::current());

}  // namespace stillwater::audio

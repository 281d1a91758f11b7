#include "audio/al_check.hpp"

#include <catch2/catch.hpp>

#include <string>

using stillwater::audio::al_error_name;
using stillwater::audio::alc_check_device;
using stillwater::audio::alc_error_name;
using stillwater::core::ApiError;

TEST_CASE("al_error_name gives symbolic names", "[audio][al_check]") {
  CHECK(al_error_name(AL_NO_ERROR) == "AL_NO_ERROR");
  CHECK(al_error_name(AL_INVALID_VALUE) == "AL_INVALID_VALUE");
  CHECK(al_error_name(AL_INVALID_OPERATION) == "AL_INVALID_OPERATION");
  CHECK(al_error_name(AL_OUT_OF_MEMORY) == "AL_OUT_OF_MEMORY");
  CHECK(al_error_name(12345) == "ALenum(12345)");
}

TEST_CASE("alc_error_name gives symbolic names", "[audio][al_check]") {
  CHECK(alc_error_name(ALC_INVALID_DEVICE) == "ALC_INVALID_DEVICE");
  CHECK(alc_error_name(ALC_INVALID_CONTEXT) == "ALC_INVALID_CONTEXT");
  CHECK(alc_error_name(54321) == "ALCenum(54321)");
}

TEST_CASE("alc_check_device names call and location", "[audio][al_check]") {
  const int line = __LINE__ + 2;
  try {
    alc_check_device(nullptr, "alcOpenDevice (default device)");
    FAIL("alc_check_device did not throw");
  } catch (const ApiError& error) {
    const std::string message = error.what();
    CHECK(message.find("alcOpenDevice (default device)") != std::string::npos);
    CHECK(message.find("ALC_INVALID_DEVICE") != std::string::npos);
    CHECK(message.find("tests/audio/al_check_test.cpp:" + std::to_string(line)) != std::string::npos);
    CHECK(error.result_code() == ALC_INVALID_DEVICE);
  }
}

#include "audio/audio_engine.hpp"
#include "audio/audio_test_support.hpp"
#include "scene/scene_file.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace stillwater;
using audio::AudioEngine;
using audio::DeviceChoice;

// Every shipped place names generated sounds that the build makes; a wrong
// name would leave a session silent.
TEST_CASE("shipped scenes play their sounds", "[audio][scene]") {
  const std::string name =
      GENERATE("beach", "forest-glade", "lake-dawn", "english-garden", "night-sky", "painted-hills");
  INFO("scene: " << name);
  const scene::Scene place = scene::load_scene(scene::find_scene(name));
  REQUIRE_FALSE(place.sound.sources.empty());

  AudioEngine engine(DeviceChoice::loopback);
  REQUIRE_NOTHROW(engine.load(place.sound));

  double clock = 0.0;
  const auto out = test::render_for(engine, 3.0, clock, test::full_frame);
  CHECK(test::channel_rms(out, 2, 0) > 1.0e-4);
  CHECK(test::channel_rms(out, 2, 1) > 1.0e-4);
}

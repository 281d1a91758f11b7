#include "audio/bed_stream.hpp"
#include "audio/seamless_loop.hpp"
#include "audio/spsc_ring.hpp"

#include "audio_test_support.hpp"

#include <catch2/catch.hpp>
#include <sndfile.h>

#include <chrono>
#include <cmath>
#include <thread>

using namespace stillwater;
namespace fs = std::filesystem;

TEST_CASE("ring keeps order across wrap", "[audio][stream]") {
  audio::SpscRing ring(5);
  const std::vector<float> first{1, 2, 3, 4};
  CHECK(ring.write(first) == 4);
  std::vector<float> out(3);
  CHECK(ring.read(out) == 3);
  CHECK(out == std::vector<float>{1, 2, 3});

  const std::vector<float> second{5, 6, 7, 8, 9};
  CHECK(ring.write(second) == 4);
  CHECK(ring.writable() == 0);
  std::vector<float> rest(10);
  CHECK(ring.read(rest) == 5);
  CHECK(std::vector<float>(rest.begin(), rest.begin() + 5) == std::vector<float>{4, 5, 6, 7, 8});
  CHECK(ring.readable() == 0);
}

TEST_CASE("ring passes data between threads", "[audio][stream]") {
  audio::SpscRing ring(64);
  constexpr int kCount = 100000;
  std::thread producer([&ring] {
    for (int value = 0; value < kCount;) {
      const float sample = static_cast<float>(value);
      if (ring.write(std::span<const float>(&sample, 1)) == 1) {
        ++value;
      }
    }
  });

  int expected = 0;
  bool in_order = true;
  while (expected < kCount) {
    float sample = 0.0F;
    if (ring.read(std::span<float>(&sample, 1)) == 1) {
      in_order = in_order && sample == static_cast<float>(expected);
      ++expected;
    }
  }
  producer.join();
  CHECK(in_order);
}

TEST_CASE("seamless loop wraps without a step", "[audio][stream]") {
  // 0.37 s of 210 Hz does not hold a whole number of periods: the raw wrap jumps.
  audio::Pcm pcm{test::kRate, 1, test::sine(210.0, 0.5F, 0.37, {true})};
  const float raw_wrap = std::abs(pcm.samples.front() - pcm.samples.back());
  REQUIRE(raw_wrap > 0.1F);

  audio::make_seamless(pcm);
  const float smooth_step = 2.0F * 3.1416F * 210.0F / test::kRate * 0.5F;
  CHECK(std::abs(pcm.samples.front() - pcm.samples.back()) <= smooth_step * 1.5F);
  float largest = 0.0F;
  for (std::size_t i = 1; i < pcm.samples.size(); ++i) {
    largest = std::max(largest, std::abs(pcm.samples[i] - pcm.samples[i - 1]));
  }
  CHECK(largest <= smooth_step * 1.5F);
}

TEST_CASE("bed stream loops with gain applied", "[audio][stream]") {
  const fs::path path = test::fresh_audio_folder("bed-stream") / "bed.flac";
  test::write_sound(path, SF_FORMAT_FLAC | SF_FORMAT_PCM_24, test::sine(210.0, 0.5F, 0.37, {true, false}), 2);

  audio::BedStream stream(path, 0.5F, 0.5);
  std::vector<float> out(test::kRate * 2 * 2);
  std::size_t got = 0;
  for (int tries = 0; got < out.size() / 2 && tries < 5000; ++tries) {
    got += stream.read(std::span<float>(out).subspan(got * 2));
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  REQUIRE(got == out.size() / 2);
  CHECK_FALSE(stream.failed());

  // Two seconds is five passes through the file: no step at any loop point.
  const float smooth_step = 2.0F * 3.1416F * 210.0F / test::kRate * 0.25F;
  CHECK(test::max_step(out) <= smooth_step * 1.5F);
  CHECK(test::channel_rms(out, 2, 0) > 0.1);
  CHECK(test::channel_rms(out, 2, 1) == 0.0);
}

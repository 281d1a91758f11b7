#pragma once

#include <cstddef>
#include <cstdint>

namespace stillwater::audio {

// SplitMix64: a small seeded generator whose sequence is the same on every
// platform and standard library, unlike std::uniform_real_distribution, so
// one-shot timing in tests and offline renders is reproducible.
class SeededRandom {
 public:
  explicit SeededRandom(std::uint64_t seed) : state_(seed) {}

  std::uint64_t next() {
    state_ += 0x9E3779B97F4A7C15ULL;
    std::uint64_t z = state_;
    z = (z ^ (z >> 30U)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27U)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31U);
  }

  // Uniform in [0, 1).
  double unit() { return static_cast<double>(next() >> 11U) * 0x1.0p-53; }

  // Uniform in [low, high).
  double uniform(double low, double high) { return low + (high - low) * unit(); }

  // Uniform integer in [0, count).
  std::size_t index(std::size_t count) { return static_cast<std::size_t>(unit() * static_cast<double>(count)); }

 private:
  std::uint64_t state_;
};

}  // namespace stillwater::audio

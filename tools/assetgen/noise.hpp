#pragma once

#include <cmath>
#include <cstdint>

namespace stillwater::assetgen {

// SplitMix64 finaliser: a well-mixed 64-bit hash of `value`.
inline std::uint64_t mix(std::uint64_t value) {
  value += 0x9e3779b97f4a7c15ULL;
  value = (value ^ (value >> 30U)) * 0xbf58476d1ce4e5b9ULL;
  value = (value ^ (value >> 27U)) * 0x94d049bb133111ebULL;
  return value ^ (value >> 31U);
}

// Smooth 3D value noise in 0..1 from a seeded lattice. Sampling it along a
// circle gives a pattern that joins up after one turn, which is how the
// panorama avoids a seam at its wrap.
class ValueNoise {
 public:
  explicit ValueNoise(std::uint64_t seed) : seed_(mix(seed)) {}

  [[nodiscard]] double at(double x, double y, double z) const {
    const double fx = std::floor(x);
    const double fy = std::floor(y);
    const double fz = std::floor(z);
    const auto ix = static_cast<std::int64_t>(fx);
    const auto iy = static_cast<std::int64_t>(fy);
    const auto iz = static_cast<std::int64_t>(fz);
    const double tx = smooth(x - fx);
    const double ty = smooth(y - fy);
    const double tz = smooth(z - fz);

    double layers[2];
    for (std::int64_t dz = 0; dz < 2; ++dz) {
      const double a = lerp(corner(ix, iy, iz + dz), corner(ix + 1, iy, iz + dz), tx);
      const double b = lerp(corner(ix, iy + 1, iz + dz), corner(ix + 1, iy + 1, iz + dz), tx);
      layers[dz] = lerp(a, b, ty);
    }
    return lerp(layers[0], layers[1], tz);
  }

  // Fractal sum of `octaves` layers, each at twice the frequency and half
  // the weight of the one before; 0..1.
  [[nodiscard]] double fractal(double x, double y, double z, int octaves) const {
    double sum = 0.0;
    double weight = 0.5;
    double total = 0.0;
    double scale = 1.0;
    for (int octave = 0; octave < octaves; ++octave) {
      sum += weight * at(x * scale, y * scale, z * scale + 17.0 * octave);
      total += weight;
      weight *= 0.5;
      scale *= 2.0;
    }
    return sum / total;
  }

 private:
  static double smooth(double t) { return t * t * (3.0 - 2.0 * t); }
  static double lerp(double a, double b, double t) { return a + (b - a) * t; }

  [[nodiscard]] double corner(std::int64_t x, std::int64_t y, std::int64_t z) const {
    std::uint64_t h = seed_;
    h = mix(h ^ static_cast<std::uint64_t>(x));
    h = mix(h ^ static_cast<std::uint64_t>(y));
    h = mix(h ^ static_cast<std::uint64_t>(z));
    return static_cast<double>(h >> 11U) / 9007199254740992.0;
  }

  std::uint64_t seed_;
};

}  // namespace stillwater::assetgen

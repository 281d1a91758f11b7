#include "panorama.hpp"

#include "noise.hpp"

#include <glm/glm.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>

namespace stillwater::assetgen {

namespace {

constexpr double kPi = std::numbers::pi;

glm::dvec3 srgb(int red, int green, int blue) {
  const auto decode = [](int value) {
    const double v = value / 255.0;
    return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
  };
  return {decode(red), decode(green), decode(blue)};
}

double encode(double linear) {
  const double v = std::clamp(linear, 0.0, 1.0);
  return v <= 0.0031308 ? v * 12.92 : 1.055 * std::pow(v, 1.0 / 2.4) - 0.055;
}

double smoothstep(double low, double high, double x) {
  const double t = std::clamp((x - low) / (high - low), 0.0, 1.0);
  return t * t * (3.0 - 2.0 * t);
}

// One range of hills: its ridge line and how much haze softens it.
struct HillLayer {
  double base_rad;
  double height_rad;
  // Hills around the full circle, roughly.
  double frequency;
  double haze;
  glm::dvec3 colour;
};

class Painter {
 public:
  explicit Painter(std::uint64_t seed) : clouds_(seed * 3 + 1), hills_(seed * 3 + 2), meadow_(seed * 3 + 3) {}

  // Azimuth 0..2pi from the left edge; elevation -pi/2..pi/2, 0 at the horizon.
  [[nodiscard]] glm::dvec3 colour(double azimuth, double elevation, double pixel_rad) const {
    if (elevation < 0.0) {
      return ground(azimuth, elevation);
    }
    glm::dvec3 result = sky(azimuth, elevation);
    for (std::size_t index = 0; index < kLayers.size(); ++index) {
      const HillLayer& layer = kLayers[index];
      const double ridge = ridge_rad(layer, index, azimuth);
      // Coverage across one pixel, so the ridge line is anti-aliased.
      const double cover = std::clamp((ridge - elevation) / pixel_rad + 0.5, 0.0, 1.0);
      if (cover <= 0.0) {
        continue;
      }
      result = glm::mix(result, hill(layer, index, azimuth, elevation), cover);
    }
    return result;
  }

 private:
  static constexpr std::array<HillLayer, 3> kLayers{{
      {0.040, 0.220, 1.3, 0.68, {0.10, 0.15, 0.13}},
      {0.010, 0.170, 2.0, 0.42, {0.07, 0.13, 0.05}},
      {-0.050, 0.150, 3.0, 0.18, {0.05, 0.11, 0.025}},
  }};

  [[nodiscard]] glm::dvec3 haze_colour() const { return srgb(226, 222, 210); }

  // Haze over distant land, greener than the sky's, so that the foot of the
  // hills and the far meadow meet without a bright line.
  [[nodiscard]] glm::dvec3 land_haze_colour() const { return glm::mix(haze_colour(), srgb(150, 162, 128), 0.55); }

  [[nodiscard]] double ridge_rad(const HillLayer& layer, std::size_t index, double azimuth) const {
    const double n = hills_.fractal(std::cos(azimuth) * layer.frequency, std::sin(azimuth) * layer.frequency,
                                    7.0 * static_cast<double>(index), 4);
    return layer.base_rad + layer.height_rad * smoothstep(0.25, 0.8, n);
  }

  [[nodiscard]] glm::dvec3 sky(double azimuth, double elevation) const {
    const glm::dvec3 direction(std::cos(elevation) * std::sin(azimuth), std::sin(elevation),
                               -std::cos(elevation) * std::cos(azimuth));
    const double height = std::pow(std::clamp(elevation / (kPi / 2.0), 0.0, 1.0), 0.45);
    glm::dvec3 result = glm::mix(srgb(238, 228, 210), srgb(104, 146, 204), height);

    // A low afternoon sun off to the right of straight ahead: a wide warm
    // glow and a brighter halo, with no hard disc to stare at.
    const double sun_azimuth = kPi + 0.6;
    const double sun_elevation = 0.2;
    const glm::dvec3 sun(std::cos(sun_elevation) * std::sin(sun_azimuth), std::sin(sun_elevation),
                         -std::cos(sun_elevation) * std::cos(sun_azimuth));
    const double facing = std::max(glm::dot(direction, sun), 0.0);
    result += glm::dvec3(1.0, 0.78, 0.52) * (0.25 * std::pow(facing, 6.0) + 0.35 * std::pow(facing, 120.0));

    // Thin fair-weather clouds on a flat layer above, so they shrink and
    // crowd towards the horizon as real ones do.
    const double distance = std::min(1.0 / std::tan(std::max(elevation, 1e-3)), 25.0);
    const double x = std::sin(azimuth) * distance * 0.9;
    const double z = std::cos(azimuth) * distance * 0.9;
    const double n = clouds_.fractal(x, z, 0.5, 5);
    // Clouds thin out towards the zenith, where the flat layer would show
    // one huge blurred shape.
    const double fade = smoothstep(0.02, 0.12, elevation) * (1.0 - smoothstep(0.6, 1.2, elevation));
    const double cover = smoothstep(0.52, 0.78, n) * fade * 0.85;
    const glm::dvec3 cloud = glm::mix(srgb(214, 212, 214), srgb(252, 246, 236), smoothstep(0.5, 0.9, n));
    return glm::mix(result, cloud, cover);
  }

  [[nodiscard]] glm::dvec3 hill(const HillLayer& layer, std::size_t index, double azimuth, double elevation) const {
    // Tree-covered slopes: soft blotches of lighter and darker green.
    const double texture = hills_.fractal(std::cos(azimuth) * 40.0, std::sin(azimuth) * 40.0,
                                          elevation * 60.0 + 31.0 * static_cast<double>(index), 3);
    const glm::dvec3 green = layer.colour * (0.8 + 0.45 * texture);
    // Mist gathers in the valleys, at the foot of each range.
    const glm::dvec3 hazy = glm::mix(green, haze_colour(), layer.haze);
    const double mist = 0.8 * std::exp(-std::max(elevation, 0.0) / 0.03);
    return glm::mix(hazy, land_haze_colour(), mist);
  }

  [[nodiscard]] glm::dvec3 ground(double azimuth, double elevation) const {
    // A meadow seen from 1.2 m up: distance along the ground sets the
    // pattern's scale and the haze.
    const double depression = std::max(-elevation, 1e-4);
    const double distance = std::min(1.2 / std::tan(depression), 2000.0);
    const double x = std::sin(azimuth) * distance;
    const double z = std::cos(azimuth) * distance;
    const double patches = meadow_.fractal(x * 0.08, z * 0.08, 3.0, 4);
    const double fine = meadow_.fractal(x * 1.5, z * 1.5, 9.0, 2);
    const glm::dvec3 grass = glm::mix(srgb(66, 98, 40), srgb(132, 148, 70), smoothstep(0.3, 0.7, patches)) *
                             (0.85 + 0.3 * fine * smoothstep(80.0, 5.0, distance));
    const double haze = 1.0 - std::exp(-distance / 260.0);
    return glm::mix(grass, land_haze_colour(), haze);
  }

  ValueNoise clouds_;
  ValueNoise hills_;
  ValueNoise meadow_;
};

}  // namespace

core::Rgba8Image paint_panorama(std::uint32_t width, std::uint64_t seed) {
  const Painter painter(seed);
  core::Rgba8Image image;
  image.width = width;
  image.height = width / 2;
  image.pixels.resize(static_cast<std::size_t>(image.width) * image.height * 4);
  const double pixel_rad = kPi / static_cast<double>(image.height);

  for (std::uint32_t y = 0; y < image.height; ++y) {
    const double elevation = kPi / 2.0 - (static_cast<double>(y) + 0.5) * pixel_rad;
    for (std::uint32_t x = 0; x < image.width; ++x) {
      const double azimuth = (static_cast<double>(x) + 0.5) * pixel_rad;
      const glm::dvec3 linear = painter.colour(azimuth, elevation, pixel_rad);
      // Half a step of hashed dither keeps the long sky gradient free of bands.
      const std::uint64_t hash = mix(seed ^ (static_cast<std::uint64_t>(y) << 32U) ^ x);
      const std::size_t offset = image.offset(x, y);
      for (int channel = 0; channel < 3; ++channel) {
        const double dither = static_cast<double>((hash >> (16U * static_cast<unsigned>(channel))) & 0xffffU) / 65536.0;
        const double value = encode(linear[channel]) * 255.0 + dither - 0.5;
        image.pixels[offset + static_cast<std::size_t>(channel)] =
            static_cast<std::uint8_t>(std::clamp(std::lround(value), 0L, 255L));
      }
      image.pixels[offset + 3] = 255;
    }
  }
  return image;
}

}  // namespace stillwater::assetgen

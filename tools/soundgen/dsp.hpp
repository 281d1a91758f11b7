#pragma once

#include "audio/random.hpp"

#include <cmath>
#include <cstddef>
#include <numbers>
#include <vector>

namespace stillwater::soundgen {

inline constexpr int kSampleRate = 48000;
inline constexpr double kTwoPi = 2.0 * std::numbers::pi;

// White noise in -1..1.
class WhiteNoise {
 public:
  explicit WhiteNoise(std::uint64_t seed) : random_(seed) {}
  double next() { return random_.uniform(-1.0, 1.0); }

 private:
  audio::SeededRandom random_;
};

// Pink noise (-3 dB per octave) from white noise, with Paul Kellet's
// economy filter; output roughly within -1..1.
class PinkNoise {
 public:
  explicit PinkNoise(std::uint64_t seed) : white_(seed) {}
  double next() {
    const double white = white_.next();
    b0_ = 0.99765 * b0_ + white * 0.0990460;
    b1_ = 0.96300 * b1_ + white * 0.2965164;
    b2_ = 0.57000 * b2_ + white * 1.0526913;
    return (b0_ + b1_ + b2_ + white * 0.1848) * 0.2;
  }

 private:
  WhiteNoise white_;
  double b0_ = 0.0;
  double b1_ = 0.0;
  double b2_ = 0.0;
};

// One-pole low-pass filter with a cutoff that may change every sample.
class OnePole {
 public:
  double low_pass(double input, double cutoff_hz) {
    const double coefficient = 1.0 - std::exp(-kTwoPi * cutoff_hz / kSampleRate);
    state_ += coefficient * (input - state_);
    return state_;
  }
  double high_pass(double input, double cutoff_hz) { return input - low_pass(input, cutoff_hz); }

 private:
  double state_ = 0.0;
};

// Band-pass biquad (constant 0 dB peak gain), after Robert Bristow-Johnson's
// audio EQ cookbook.
class BandPass {
 public:
  BandPass(double centre_hz, double q) { tune(centre_hz, q); }

  void tune(double centre_hz, double q) {
    const double omega = kTwoPi * centre_hz / kSampleRate;
    const double alpha = std::sin(omega) / (2.0 * q);
    const double a0 = 1.0 + alpha;
    b0_ = alpha / a0;
    b2_ = -alpha / a0;
    a1_ = -2.0 * std::cos(omega) / a0;
    a2_ = (1.0 - alpha) / a0;
  }

  double process(double input) {
    const double output = b0_ * input + b2_ * x2_ - a1_ * y1_ - a2_ * y2_;
    x2_ = x1_;
    x1_ = input;
    y2_ = y1_;
    y1_ = output;
    return output;
  }

 private:
  double b0_ = 0.0;
  double b2_ = 0.0;
  double a1_ = 0.0;
  double a2_ = 0.0;
  double x1_ = 0.0;
  double x2_ = 0.0;
  double y1_ = 0.0;
  double y2_ = 0.0;
};

// A value that drifts slowly and smoothly between random points in
// [low, high], a new point every `period_s` on average: gusts, swells.
class SlowDrift {
 public:
  SlowDrift(std::uint64_t seed, double low, double high, double period_s)
      : random_(seed), low_(low), high_(high), period_s_(period_s) {
    from_ = pick();
    to_ = pick();
    length_ = segment_length();
  }

  double next() {
    const double phase = position_ / length_;
    const double eased = 0.5 - 0.5 * std::cos(phase * std::numbers::pi);
    const double value = from_ + (to_ - from_) * eased;
    position_ += 1.0;
    if (position_ >= length_) {
      position_ = 0.0;
      from_ = to_;
      to_ = pick();
      length_ = segment_length();
    }
    return value;
  }

 private:
  double pick() { return random_.uniform(low_, high_); }
  double segment_length() { return random_.uniform(0.6, 1.4) * period_s_ * kSampleRate; }

  audio::SeededRandom random_;
  double low_;
  double high_;
  double period_s_;
  double from_ = 0.0;
  double to_ = 0.0;
  double length_ = 1.0;
  double position_ = 0.0;
};

// A Hann window value at `position` in 0..1.
inline double hann(double position) { return 0.5 - 0.5 * std::cos(kTwoPi * position); }

// Adds a bird-like chirp to `mono` at `start` frames: a sine sweeping from
// `from_hz` to `to_hz` over `seconds` with a Hann envelope and a faint
// second harmonic.
void add_chirp(std::vector<float>& mono, std::size_t start, double seconds, double from_hz, double to_hz,
               double amplitude);

}  // namespace stillwater::soundgen

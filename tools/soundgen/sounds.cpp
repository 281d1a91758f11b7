#include "sounds.hpp"

#include "audio/seamless_loop.hpp"
#include "dsp.hpp"

#include <algorithm>
#include <cmath>

namespace stillwater::soundgen {

namespace {

// Extra frames made beyond a loop's length; make_seamless crossfades them
// into the start (half a second, its seam length).
constexpr std::size_t kSeamFrames = kSampleRate / 2;

std::size_t loop_frames(double seconds) {
  return static_cast<std::size_t>(seconds * kSampleRate) + kSeamFrames;
}

audio::Pcm stereo(std::size_t frames) {
  return {kSampleRate, 2, std::vector<float>(frames * 2, 0.0F)};
}

// Scales to a peak of -6 dBFS: loudness normalisation at load sets the level
// that plays; this only keeps the files well clear of clipping.
void normalise_peak(audio::Pcm& pcm) {
  float peak = 0.0F;
  for (const float sample : pcm.samples) {
    peak = std::max(peak, std::abs(sample));
  }
  if (peak > 0.0F) {
    for (float& sample : pcm.samples) {
      sample *= 0.5F / peak;
    }
  }
}

audio::Pcm finish_loop(audio::Pcm pcm) {
  audio::make_seamless(pcm);
  normalise_peak(pcm);
  return pcm;
}

void add(audio::Pcm& pcm, std::size_t frame, int channel, double value) {
  pcm.samples[frame * 2 + static_cast<std::size_t>(channel)] += static_cast<float>(value);
}

// Waves arrive every 7 to 11 s: a swell of low, dark noise that opens into a
// brighter wash and draws back. Each ear hears its own noise under one shared
// envelope, delayed slightly in the right ear, so the shore feels wide.
audio::Pcm sea_waves(std::uint64_t seed, double seconds) {
  const std::size_t frames = loop_frames(seconds);
  audio::Pcm pcm = stereo(frames);
  audio::SeededRandom random(seed);

  std::vector<double> envelope(frames, 0.0);
  for (double start = -4.0; start < static_cast<double>(frames) / kSampleRate;) {
    const double rise = random.uniform(2.0, 3.5);
    const double fall = random.uniform(3.5, 5.5);
    const double height = random.uniform(0.55, 1.0);
    for (std::size_t frame = 0; frame < frames; ++frame) {
      const double t = static_cast<double>(frame) / kSampleRate - start;
      if (t < 0.0 || t > rise + fall) {
        continue;
      }
      const double shape = t < rise ? std::pow(std::sin(t / rise * std::numbers::pi / 2.0), 2.0)
                                    : std::exp(-3.0 * (t - rise) / fall) * (1.0 - (t - rise) / (rise + fall));
      envelope[frame] = std::max(envelope[frame], height * shape);
    }
    start += random.uniform(7.0, 11.0);
  }

  for (int channel = 0; channel < 2; ++channel) {
    PinkNoise wash(seed + 11U + static_cast<unsigned>(channel));
    WhiteNoise rumble_source(seed + 21U + static_cast<unsigned>(channel));
    OnePole wash_filter;
    OnePole rumble_filter;
    OnePole rumble_smooth;
    const std::size_t delay = channel == 0 ? 0 : kSampleRate / 8;
    for (std::size_t frame = 0; frame < frames; ++frame) {
      const double level = envelope[frame >= delay ? frame - delay : 0];
      const double cutoff = 250.0 + 2200.0 * level * level;
      const double surf = wash_filter.low_pass(wash.next(), cutoff) * (0.15 + 0.85 * level);
      const double rumble = rumble_smooth.low_pass(rumble_filter.low_pass(rumble_source.next(), 180.0), 180.0) * 0.8;
      add(pcm, frame, channel, surf + rumble);
    }
  }
  return finish_loop(std::move(pcm));
}

// A soft bed of air moving through foliage: low pink noise under slow gusts,
// and a leaf rustle of high noise in short grains that grows with each gust.
audio::Pcm wind_leaves(std::uint64_t seed, double seconds) {
  const std::size_t frames = loop_frames(seconds);
  audio::Pcm pcm = stereo(frames);
  SlowDrift gust(seed, 0.25, 1.0, 4.5);
  std::vector<double> gusts(frames);
  for (double& strength : gusts) {
    strength = gust.next();
  }

  for (int channel = 0; channel < 2; ++channel) {
    PinkNoise air(seed + 31U + static_cast<unsigned>(channel));
    WhiteNoise leaves(seed + 41U + static_cast<unsigned>(channel));
    SlowDrift flutter(seed + 51U + static_cast<unsigned>(channel), 0.0, 1.0, 0.05);
    BandPass air_band(420.0, 0.7);
    OnePole rustle_high;
    OnePole rustle_low;
    SlowDrift channel_gust(seed + 61U + static_cast<unsigned>(channel), 0.8, 1.0, 3.0);
    for (std::size_t frame = 0; frame < frames; ++frame) {
      const double strength = gusts[frame] * channel_gust.next();
      const double body = air_band.process(air.next()) * (0.35 + 0.65 * strength);
      const double grain = std::pow(flutter.next(), 3.0) * strength * strength;
      const double rustle = rustle_low.low_pass(rustle_high.high_pass(leaves.next(), 2500.0), 7000.0) * grain * 0.35;
      add(pcm, frame, channel, body + rustle);
    }
  }
  return finish_loop(std::move(pcm));
}

// A small stream: a murmur of band-limited noise and many tiny bubbles, each
// a damped sine whose pitch rises as it closes.
audio::Pcm stream(std::uint64_t seed, double seconds) {
  const std::size_t frames = loop_frames(seconds);
  std::vector<float> mono(frames, 0.0F);
  audio::SeededRandom random(seed);

  PinkNoise murmur(seed + 71U);
  BandPass band(650.0, 0.8);
  SlowDrift swell(seed + 81U, 0.6, 1.0, 2.0);
  for (std::size_t frame = 0; frame < frames; ++frame) {
    mono[frame] = static_cast<float>(band.process(murmur.next()) * 0.5 * swell.next());
  }

  const double bubbles_per_second = 28.0;
  const auto count = static_cast<std::size_t>(bubbles_per_second * static_cast<double>(frames) / kSampleRate);
  for (std::size_t bubble = 0; bubble < count; ++bubble) {
    const auto start = static_cast<std::size_t>(random.uniform(0.0, static_cast<double>(frames)));
    const double base_hz = random.uniform(450.0, 1400.0);
    const double length_s = random.uniform(0.012, 0.035);
    const double amplitude = random.uniform(0.02, 0.09);
    double phase = 0.0;
    const auto length = static_cast<std::size_t>(length_s * kSampleRate);
    for (std::size_t step = 0; step < length && start + step < frames; ++step) {
      const double t = static_cast<double>(step) / static_cast<double>(length);
      phase += kTwoPi * base_hz * (1.0 + 0.6 * t) / kSampleRate;
      const double envelope = std::sin(t * std::numbers::pi) * std::exp(-3.0 * t);
      mono[start + step] += static_cast<float>(amplitude * envelope * std::sin(phase));
    }
  }
  return finish_loop({kSampleRate, 1, std::move(mono)});
}

// A short phrase of a songbird: three to seven chirps that sweep in pitch,
// with small gaps, and a quiet tail so a play ends in silence.
audio::Pcm birdsong(std::uint64_t seed, double /*seconds*/) {
  audio::SeededRandom random(seed);
  const int chirps = 3 + static_cast<int>(random.index(5));
  const double base_hz = random.uniform(2800.0, 4200.0);
  std::vector<float> mono(static_cast<std::size_t>(2.2 * kSampleRate), 0.0F);

  double time_s = 0.05;
  for (int chirp = 0; chirp < chirps; ++chirp) {
    const double length_s = random.uniform(0.05, 0.13);
    const double from_hz = base_hz * random.uniform(0.85, 1.25);
    const double to_hz = from_hz * random.uniform(0.7, 1.45);
    add_chirp(mono, static_cast<std::size_t>(time_s * kSampleRate), length_s, from_hz, to_hz,
              random.uniform(0.5, 1.0));
    time_s += length_s + random.uniform(0.04, 0.16);
  }
  mono.resize(std::min(mono.size(), static_cast<std::size_t>((time_s + 0.3) * kSampleRate)));

  audio::Pcm pcm{kSampleRate, 1, std::move(mono)};
  normalise_peak(pcm);
  return pcm;
}

// A warm garden: faint air, bees that drift past from one side to the other,
// and birds far off, softened by distance.
audio::Pcm summer_garden(std::uint64_t seed, double seconds) {
  const std::size_t frames = loop_frames(seconds);
  audio::Pcm pcm = stereo(frames);
  audio::SeededRandom random(seed);

  for (int channel = 0; channel < 2; ++channel) {
    PinkNoise air(seed + 91U + static_cast<unsigned>(channel));
    OnePole soften;
    for (std::size_t frame = 0; frame < frames; ++frame) {
      add(pcm, frame, channel, soften.low_pass(air.next(), 1200.0) * 0.25);
    }
  }

  // Bees: a buzz of a few harmonics near 200 Hz with a slow wobble, rising
  // and fading as each passes, panned along its path.
  const double total_s = static_cast<double>(frames) / kSampleRate;
  for (double start = random.uniform(0.0, 3.0); start < total_s; start += random.uniform(5.0, 9.0)) {
    const double length_s = random.uniform(4.0, 7.0);
    const double pitch_hz = random.uniform(180.0, 240.0);
    const double pan_from = random.uniform(0.0, 1.0);
    const double pan_to = random.uniform(0.0, 1.0);
    OnePole buzz_filter;
    double phase = 0.0;
    const auto first = static_cast<std::size_t>(start * kSampleRate);
    const auto length = static_cast<std::size_t>(length_s * kSampleRate);
    for (std::size_t step = 0; step < length && first + step < frames; ++step) {
      const double t = static_cast<double>(step) / static_cast<double>(length);
      const double wobble = 1.0 + 0.03 * std::sin(kTwoPi * 5.5 * static_cast<double>(step) / kSampleRate);
      phase += kTwoPi * pitch_hz * wobble / kSampleRate;
      const double tone = std::sin(phase) + 0.5 * std::sin(2.0 * phase) + 0.3 * std::sin(3.0 * phase) +
                          0.15 * std::sin(5.0 * phase);
      const double value = buzz_filter.low_pass(tone, 900.0) * hann(t) * 0.18;
      const double pan = pan_from + (pan_to - pan_from) * t;
      add(pcm, first + step, 0, value * std::cos(pan * std::numbers::pi / 2.0));
      add(pcm, first + step, 1, value * std::sin(pan * std::numbers::pi / 2.0));
    }
  }

  // Distant birds: short chirps, quiet and dulled.
  std::vector<float> birds(frames, 0.0F);
  for (double start = random.uniform(0.5, 2.0); start < total_s - 0.5; start += random.uniform(1.5, 4.0)) {
    const double from_hz = random.uniform(2500.0, 4500.0);
    add_chirp(birds, static_cast<std::size_t>(start * kSampleRate), random.uniform(0.06, 0.12), from_hz,
              from_hz * random.uniform(0.8, 1.3), random.uniform(0.03, 0.07));
  }
  OnePole distance_left;
  OnePole distance_right;
  const double bird_pan = random.uniform(0.2, 0.8);
  for (std::size_t frame = 0; frame < frames; ++frame) {
    add(pcm, frame, 0, distance_left.low_pass(birds[frame], 3500.0) * (1.0 - bird_pan));
    add(pcm, frame, 1, distance_right.low_pass(birds[frame], 3500.0) * bird_pan);
  }
  return finish_loop(std::move(pcm));
}

// A still night: a faint dark hush and three crickets, each chirping in
// pulses of a 4-5 kHz tone at its own pace and place.
audio::Pcm night_crickets(std::uint64_t seed, double seconds) {
  const std::size_t frames = loop_frames(seconds);
  audio::Pcm pcm = stereo(frames);
  audio::SeededRandom random(seed);

  for (int channel = 0; channel < 2; ++channel) {
    PinkNoise hush(seed + 101U + static_cast<unsigned>(channel));
    OnePole dark;
    for (std::size_t frame = 0; frame < frames; ++frame) {
      add(pcm, frame, channel, dark.low_pass(hush.next(), 500.0) * 0.2);
    }
  }

  const double total_s = static_cast<double>(frames) / kSampleRate;
  for (int cricket = 0; cricket < 3; ++cricket) {
    const double carrier_hz = random.uniform(4200.0, 4900.0);
    const double pace_s = random.uniform(0.7, 1.2);
    const double pan = random.uniform(0.1, 0.9);
    const double level = random.uniform(0.05, 0.1);
    const int pulses = 2 + static_cast<int>(random.index(3));
    for (double start = random.uniform(0.0, pace_s); start < total_s; start += pace_s * random.uniform(0.9, 1.1)) {
      for (int pulse = 0; pulse < pulses; ++pulse) {
        const auto first = static_cast<std::size_t>((start + pulse * 0.035) * kSampleRate);
        const auto length = static_cast<std::size_t>(0.018 * kSampleRate);
        for (std::size_t step = 0; step < length && first + step < frames; ++step) {
          const double t = static_cast<double>(step) / static_cast<double>(length);
          const double value =
              level * hann(t) * std::sin(kTwoPi * carrier_hz * static_cast<double>(first + step) / kSampleRate);
          add(pcm, first + step, 0, value * (1.0 - pan));
          add(pcm, first + step, 1, value * pan);
        }
      }
    }
  }
  return finish_loop(std::move(pcm));
}

}  // namespace

void add_chirp(std::vector<float>& mono, std::size_t start, double seconds, double from_hz, double to_hz,
               double amplitude) {
  const auto length = static_cast<std::size_t>(seconds * kSampleRate);
  double phase = 0.0;
  for (std::size_t step = 0; step < length && start + step < mono.size(); ++step) {
    const double t = static_cast<double>(step) / static_cast<double>(length);
    // An exponential sweep sounds even to the ear, as a bird's does.
    phase += kTwoPi * from_hz * std::pow(to_hz / from_hz, t) / kSampleRate;
    const double value = std::sin(phase) + 0.12 * std::sin(2.0 * phase);
    mono[start + step] += static_cast<float>(amplitude * hann(t) * value);
  }
}

std::vector<SoundRecipe> sound_recipes() {
  return {
      {"sea_waves", true, sea_waves},
      {"wind_leaves", true, wind_leaves},
      {"stream", true, stream},
      {"bird_1", false, birdsong},
      {"bird_2", false, birdsong},
      {"bird_3", false, birdsong},
      {"summer_garden", true, summer_garden},
      {"night_crickets", true, night_crickets},
  };
}

}  // namespace stillwater::soundgen

#pragma once

#include "core/session_controller.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <utility>
#include <vector>

namespace stillwater::test {

// A session controller driven by a fake clock at 60 frames a second, keeping
// every event it emits.
struct SessionRig {
  static constexpr double kFrameSeconds = 1.0 / 60.0;

  explicit SessionRig(core::ComfortSettings settings = {}) : controller(settings, [this] { return now; }) {
    frame = controller.advance(now);
  }

  SessionRig(const SessionRig&) = delete;
  SessionRig& operator=(const SessionRig&) = delete;

  void post(core::Command command) {
    const auto rejection = controller.post(std::move(command));
    INFO(rejection.value_or(""));
    REQUIRE_FALSE(rejection.has_value());
  }

  const core::SessionFrame& step(double dt_s = kFrameSeconds) {
    now += dt_s;
    previous = frame;
    frame = controller.advance(now);
    for (auto& event : controller.take_events()) {
      events.push_back(std::move(event));
    }
    return frame;
  }

  void run(double seconds) {
    const auto frames = std::llround(seconds / kFrameSeconds);
    for (long long i = 0; i < frames; ++i) {
      step();
    }
  }

  void start(float minutes = 10.0F, const char* scene = "sea") {
    post(core::StartSession{scene, minutes});
    step();
  }

  [[nodiscard]] std::vector<core::SessionEventKind> event_kinds() const {
    std::vector<core::SessionEventKind> kinds;
    for (const auto& event : events) {
      kinds.push_back(event.kind);
    }
    return kinds;
  }

  double now = 100.0;
  core::SessionController controller;
  core::SessionFrame frame;
  core::SessionFrame previous;
  std::vector<core::SessionEvent> events;
};

}  // namespace stillwater::test

#include "core/session_controller.hpp"
#include "session_rig.hpp"

#include <catch2/catch.hpp>
#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <memory>
#include <string>
#include <thread>
#include <vector>

using namespace stillwater::core;
using stillwater::test::SessionRig;
using Kind = SessionEventKind;

namespace {

constexpr double kFrame = SessionRig::kFrameSeconds;

// Puts a fresh rig into `state` by the ordinary commands.
void reach(SessionRig& rig, SessionState state) {
  switch (state) {
    case SessionState::idle:
      return;
    case SessionState::fading_in:
      rig.start();
      break;
    case SessionState::running:
      rig.start();
      rig.run(10.0);
      break;
    case SessionState::paused:
      rig.start();
      rig.run(10.0);
      rig.post(PauseSession{});
      rig.step();
      break;
    case SessionState::fading_out:
      rig.start();
      rig.run(10.0);
      rig.post(EndGently{});
      rig.step();
      break;
    case SessionState::ended:
      rig.start();
      rig.post(StopNow{});
      rig.step();
      rig.run(1.0);
      break;
  }
  REQUIRE(rig.frame.state == state);
}

std::string rejection(SessionRig& rig, Command command) {
  return rig.controller.post(std::move(command)).value_or("accepted");
}

}  // namespace

TEST_CASE("controller starts idle and black", "[core][session]") {
  SessionRig rig;
  CHECK(rig.frame.state == SessionState::idle);
  CHECK(rig.frame.picture_fade == 0.0F);
  CHECK(rig.frame.audio_fade == 0.0F);
  CHECK(rig.frame.time_left_s == 0.0);
  rig.run(5.0);
  CHECK(rig.frame.state == SessionState::idle);
  CHECK(rig.events.empty());
}

TEST_CASE("start fades in then runs", "[core][session]") {
  SessionRig rig;
  rig.start(10.0F, "forest");
  CHECK(rig.frame.state == SessionState::fading_in);
  CHECK(rig.frame.scene == "forest");
  CHECK(rig.event_kinds() == std::vector{Kind::started});

  float max_step = 0.0F;
  while (rig.frame.state == SessionState::fading_in) {
    rig.step();
    CHECK(rig.frame.picture_fade >= rig.previous.picture_fade);
    max_step = std::max(max_step, rig.frame.picture_fade - rig.previous.picture_fade);
  }
  CHECK(rig.frame.state == SessionState::running);
  CHECK(rig.frame.picture_fade == 1.0F);
  CHECK(rig.frame.audio_fade == 1.0F);
  // The default fade-in takes 8 s, so each 60 Hz frame rises by 1/480.
  CHECK(max_step <= Approx(1.0 / (8.0 * 60.0)).epsilon(0.05));
  CHECK(rig.frame.time_left_s == Approx(600.0 - 8.0).margin(0.1));
}

TEST_CASE("session completes on its own time", "[core][session]") {
  SessionRig rig;
  rig.start(5.0F);
  // Nothing reads the snapshot: the session needs no companion to end.
  rig.run(300.0 - 20.0 - 0.5);
  CHECK(rig.frame.state == SessionState::running);
  rig.run(1.0);
  CHECK(rig.frame.state == SessionState::fading_out);
  CHECK(rig.frame.time_left_s == Approx(19.5).margin(0.1));
  rig.run(19.4);
  CHECK(rig.frame.state == SessionState::fading_out);
  CHECK(rig.frame.picture_fade > 0.0F);
  rig.run(0.2);
  CHECK(rig.frame.state == SessionState::ended);
  CHECK(rig.frame.picture_fade == 0.0F);
  CHECK(rig.frame.audio_fade == 0.0F);
  CHECK(rig.frame.time_left_s == 0.0);

  REQUIRE(rig.event_kinds() == std::vector{Kind::started, Kind::completed});
  CHECK(rig.events[1].planned_s == Approx(300.0));
  CHECK(rig.events[1].played_s == Approx(300.0).margin(0.05));
  CHECK(rig.events[1].scene == "sea");
}

TEST_CASE("fade out follows the countdown", "[core][session]") {
  SessionRig rig;
  rig.start(2.0F);
  rig.run(100.0 + 1.0);
  REQUIRE(rig.frame.state == SessionState::fading_out);
  // Halfway through the 20 s fade-out, half the picture and sound remain.
  rig.run(9.0);
  CHECK(rig.frame.picture_fade == Approx(0.5).margin(0.01));
  CHECK(rig.frame.audio_fade == Approx(0.5).margin(0.01));
}

TEST_CASE("pause stops the timer", "[core][session]") {
  SessionRig rig;
  rig.start(10.0F);
  rig.run(60.0);
  const double before = rig.frame.time_left_s;
  rig.post(PauseSession{});
  rig.step();
  CHECK(rig.frame.state == SessionState::paused);
  rig.run(120.0);
  CHECK(rig.frame.state == SessionState::paused);
  CHECK(rig.frame.time_left_s == Approx(before).margin(kFrame * 1.5));
  CHECK(rig.frame.picture_fade == Approx(SessionPacing::paused_picture));
  CHECK(rig.frame.audio_fade == Approx(SessionPacing::paused_audio));

  rig.post(ResumeSession{});
  rig.step();
  CHECK(rig.frame.state == SessionState::fading_in);
  rig.run(SessionPacing::resume_fade_s + 0.1);
  CHECK(rig.frame.state == SessionState::running);
  CHECK(rig.frame.picture_fade == 1.0F);

  // 600 s planned, about 60 s played before the pause and 3.1 s after it.
  CHECK(rig.frame.time_left_s == Approx(600.0 - 60.0 - 3.1).margin(0.1));
  rig.run(600.0 - 63.1 + 0.2);
  CHECK(rig.frame.state == SessionState::ended);
  REQUIRE(rig.events.back().kind == Kind::completed);
  CHECK(rig.events.back().played_s == Approx(600.0).margin(0.05));
}

TEST_CASE("pause dims without a jump", "[core][session]") {
  SessionRig rig;
  rig.start();
  rig.run(10.0);
  rig.post(PauseSession{});
  const float bound = (1.0F - SessionPacing::paused_picture) / SessionPacing::pause_fade_s * static_cast<float>(kFrame);
  for (int i = 0; i < 200; ++i) {
    rig.step();
    CHECK(std::abs(rig.frame.picture_fade - rig.previous.picture_fade) <= bound * 1.01F);
  }
}

TEST_CASE("extend adds time while running", "[core][session]") {
  SessionRig rig;
  rig.start(10.0F);
  rig.run(30.0);
  const double before = rig.frame.time_left_s;
  rig.post(ExtendSession{5.0F});
  rig.step();
  CHECK(rig.frame.time_left_s == Approx(before + 300.0 - kFrame).margin(0.01));
  CHECK(rig.controller.snapshot().planned_s == Approx(900.0));

  rig.run(900.0 - 30.0 - 1.0);
  CHECK(rig.frame.state == SessionState::fading_out);
  rig.run(1.2);
  CHECK(rig.frame.state == SessionState::ended);
  CHECK(rig.events.back().kind == Kind::completed);
  CHECK(rig.events.back().played_s == Approx(900.0).margin(0.05));
}

TEST_CASE("gentle end is black when it ends", "[core][session]") {
  SessionRig rig;
  reach(rig, SessionState::fading_out);
  // Frame by frame, so the first frame in the ended state is the one checked.
  for (int frame = 0; frame < 100000 && rig.frame.state == SessionState::fading_out; ++frame) {
    rig.step();
  }
  REQUIRE(rig.frame.state == SessionState::ended);
  CHECK(rig.frame.picture_fade == 0.0F);
  CHECK(rig.frame.audio_fade == 0.0F);
}

TEST_CASE("extend adds time while paused", "[core][session]") {
  SessionRig rig;
  rig.start(5.0F);
  rig.run(10.0);
  rig.post(PauseSession{});
  rig.step();
  const double before = rig.frame.time_left_s;
  rig.post(ExtendSession{2.5F});
  rig.step();
  CHECK(rig.frame.state == SessionState::paused);
  CHECK(rig.frame.time_left_s == Approx(before + 150.0));
}

TEST_CASE("extend rescues a session near its end", "[core][session]") {
  SessionRig rig;
  rig.start(2.0F);
  rig.run(90.0);
  REQUIRE(rig.frame.state == SessionState::running);
  rig.post(ExtendSession{1.0F});
  rig.step();
  CHECK(rig.frame.state == SessionState::running);
  CHECK(rig.frame.time_left_s == Approx(90.0).margin(0.1));
}

TEST_CASE("end gently cancels the timer", "[core][session]") {
  SessionRig rig;
  rig.start(10.0F);
  rig.run(60.0);
  rig.post(EndGently{});
  rig.step();
  CHECK(rig.frame.state == SessionState::fading_out);
  CHECK(rig.frame.time_left_s == Approx(20.0).margin(kFrame * 1.5));
  rig.run(20.0);
  CHECK(rig.frame.state == SessionState::ended);
  CHECK(rig.frame.picture_fade == 0.0F);
  REQUIRE(rig.event_kinds() == std::vector{Kind::started, Kind::ended_early});
  CHECK(rig.events[1].played_s == Approx(80.0).margin(0.05));

  // The old timer is gone: nothing happens when the planned ten minutes pass.
  rig.run(600.0);
  CHECK(rig.frame.state == SessionState::ended);
  CHECK(rig.events.size() == 2);
}

TEST_CASE("end gently from pause fades out", "[core][session]") {
  SessionRig rig;
  rig.start();
  rig.run(10.0);
  rig.post(PauseSession{});
  rig.run(3.0);
  rig.post(EndGently{});
  rig.step();
  CHECK(rig.frame.state == SessionState::fading_out);
  CHECK(rig.frame.picture_fade <= SessionPacing::paused_picture);
  rig.run(20.0);
  CHECK(rig.frame.state == SessionState::ended);
  CHECK(rig.events.back().kind == Kind::ended_early);
}

TEST_CASE("end gently uses the fade-out setting", "[core][session]") {
  SessionRig rig;
  rig.post(ChangeSettings{ComfortPatch{.fade_out_s = 6.0F}});
  rig.start();
  rig.run(10.0);
  rig.post(EndGently{});
  rig.run(5.9);
  CHECK(rig.frame.state == SessionState::fading_out);
  rig.run(0.2);
  CHECK(rig.frame.state == SessionState::ended);
}

TEST_CASE("stop now from every state", "[core][session]") {
  const auto state = GENERATE(SessionState::idle, SessionState::fading_in, SessionState::running,
                              SessionState::paused, SessionState::fading_out, SessionState::ended);
  SessionRig rig;
  reach(rig, state);
  INFO("from " << to_string(state));

  const double pressed = rig.now;
  const auto events_before = rig.events.size();
  rig.post(StopNow{});
  rig.step();
  CHECK(rig.frame.state == SessionState::ended);
  CHECK(rig.frame.time_left_s == 0.0);

  double black_at = -1.0;
  for (int i = 0; i < 120 && black_at < 0.0; ++i) {
    CHECK(rig.frame.picture_fade <= rig.previous.picture_fade);
    if (rig.frame.picture_fade == 0.0F && rig.frame.audio_fade == 0.0F) {
      black_at = rig.now;
    }
    rig.step();
  }
  REQUIRE(black_at >= 0.0);
  CHECK(black_at - pressed <= kStopNowMaxSeconds);

  const bool was_active = state != SessionState::idle && state != SessionState::ended;
  const auto kinds = rig.event_kinds();
  const auto stops = std::count(kinds.begin() + static_cast<std::ptrdiff_t>(events_before), kinds.end(),
                                Kind::stopped_now);
  CHECK(stops == (was_active ? 1 : 0));
  CHECK(rig.events.size() - events_before == (was_active ? 1U : 0U));

  // Nothing fires later.
  const auto count = rig.events.size();
  rig.run(700.0);
  CHECK(rig.events.size() == count);
  CHECK(rig.frame.state == SessionState::ended);
}

TEST_CASE("stop now survives a stalled frame loop", "[core][session]") {
  SessionRig rig;
  reach(rig, SessionState::running);
  rig.post(StopNow{});
  // The press happened now; the next frame comes 2 s later and must be black.
  rig.step(2.0);
  CHECK(rig.frame.state == SessionState::ended);
  CHECK(rig.frame.picture_fade == 0.0F);
  CHECK(rig.frame.audio_fade == 0.0F);
}

TEST_CASE("stop now counts from the press", "[core][session]") {
  SessionRig rig;
  reach(rig, SessionState::running);
  rig.post(StopNow{});
  rig.now += 0.3;
  rig.step(kFrame);
  // 0.3 s of the 0.5 s fade passed before the frame that applied the stop.
  CHECK(rig.frame.picture_fade == Approx(1.0 - (0.3 + kFrame) / 0.5).margin(0.01));
}

TEST_CASE("new session starts after an end", "[core][session]") {
  SessionRig rig;
  reach(rig, SessionState::ended);
  rig.start(5.0F, "lake");
  CHECK(rig.frame.state == SessionState::fading_in);
  CHECK(rig.frame.scene == "lake");
  CHECK(rig.frame.time_left_s == Approx(300.0).margin(0.1));
  CHECK(rig.controller.snapshot().played_s < 0.1);
}

TEST_CASE("pause during fade in", "[core][session]") {
  SessionRig rig;
  rig.start();
  rig.run(2.0);
  const float level = rig.frame.picture_fade;
  rig.post(PauseSession{});
  rig.step();
  CHECK(rig.frame.state == SessionState::paused);
  CHECK(rig.frame.picture_fade == Approx(level).margin(0.01));
  rig.run(3.0);
  CHECK(rig.frame.picture_fade == Approx(SessionPacing::paused_picture));
}

TEST_CASE("headset off pauses and dims", "[core][session]") {
  SessionRig rig;
  reach(rig, SessionState::running);
  const double before = rig.frame.time_left_s;
  rig.post(HeadsetWorn{false});
  rig.step();
  CHECK(rig.frame.state == SessionState::paused);
  CHECK(rig.controller.snapshot().paused_by_headset);
  CHECK_FALSE(rig.controller.snapshot().headset_worn);
  CHECK(rig.events.back().kind == Kind::headset_removed);

  rig.run(60.0);
  CHECK(rig.frame.time_left_s == Approx(before).margin(kFrame * 1.5));
  CHECK(rig.frame.picture_fade == Approx(SessionPacing::paused_picture));
  CHECK(rig.frame.audio_fade == Approx(SessionPacing::paused_audio));

  rig.post(HeadsetWorn{true});
  rig.step();
  CHECK(rig.frame.state == SessionState::fading_in);
  CHECK(rig.frame.picture_fade < 0.35F);
  rig.run(SessionPacing::resume_fade_s);
  CHECK(rig.frame.state == SessionState::running);
  CHECK_FALSE(rig.controller.snapshot().paused_by_headset);
}

TEST_CASE("headset back keeps nurse pause", "[core][session]") {
  SessionRig rig;
  reach(rig, SessionState::paused);
  rig.post(HeadsetWorn{false});
  rig.step();
  CHECK(rig.events.back().kind == Kind::headset_removed);
  rig.post(HeadsetWorn{true});
  rig.run(5.0);
  CHECK(rig.frame.state == SessionState::paused);
}

TEST_CASE("resume rejected without headset", "[core][session]") {
  SessionRig rig;
  reach(rig, SessionState::running);
  rig.post(HeadsetWorn{false});
  rig.step();
  CHECK(rejection(rig, ResumeSession{}) ==
        "The headset is not being worn. The session resumes by itself when it is put back on.");
}

TEST_CASE("start waits for the headset", "[core][session]") {
  SessionRig rig;
  rig.post(HeadsetWorn{false});
  rig.step();
  rig.start(5.0F);
  CHECK(rig.frame.state == SessionState::paused);
  rig.run(30.0);
  CHECK(rig.frame.time_left_s == Approx(300.0));
  rig.post(HeadsetWorn{true});
  rig.run(SessionPacing::resume_fade_s + 0.1);
  CHECK(rig.frame.state == SessionState::running);
}

TEST_CASE("headset off during fade out", "[core][session]") {
  SessionRig rig;
  reach(rig, SessionState::fading_out);
  rig.post(HeadsetWorn{false});
  rig.run(21.0);
  CHECK(rig.frame.state == SessionState::ended);
  CHECK(rig.events.back().kind == Kind::ended_early);
}

TEST_CASE("commands rejected in the wrong state", "[core][session]") {
  SessionRig rig;
  CHECK(rejection(rig, PauseSession{}) == "No session is playing, so there is nothing to pause.");
  CHECK(rejection(rig, ResumeSession{}) == "No session is paused, so there is nothing to resume.");
  CHECK(rejection(rig, ExtendSession{5.0F}) == "No session is under way, so there is nothing to extend.");
  CHECK(rejection(rig, EndGently{}) == "No session is under way, so there is nothing to end.");
  CHECK(rejection(rig, ChangeScene{"lake"}) == "No session is under way. Choose the scene when starting one.");

  reach(rig, SessionState::running);
  CHECK(rejection(rig, StartSession{"sea", 10.0F}) ==
        "A session is already under way. End it before starting another.");
  CHECK(rejection(rig, ResumeSession{}) == "No session is paused, so there is nothing to resume.");

  rig.post(EndGently{});
  rig.step();
  CHECK(rejection(rig, ExtendSession{5.0F}) == "The session is already ending and cannot be extended.");
  CHECK(rejection(rig, EndGently{}) == "The session is already ending.");
  CHECK(rejection(rig, PauseSession{}) == "No session is playing, so there is nothing to pause.");
}

TEST_CASE("commands after an accepted start are judged against it", "[core][session]") {
  // The nurse's next press can reach the controller before the frame loop
  // has taken the start.
  SessionRig rig;
  CHECK(rejection(rig, StartSession{"sea", 10.0F}) == "accepted");
  CHECK(rejection(rig, StartSession{"lake", 10.0F}) ==
        "A session is already under way. End it before starting another.");
  CHECK(rejection(rig, ChangeScene{"garden"}) == "accepted");
  CHECK(rejection(rig, ExtendSession{5.0F}) == "accepted");

  rig.run(5.0);
  CHECK(rig.controller.snapshot().scene == "garden");
  CHECK(rig.controller.snapshot().planned_s == Approx(15.0 * 60.0));

  // A stop still queued ends the session for the next command, too.
  CHECK(rejection(rig, StopNow{}) == "accepted");
  CHECK(rejection(rig, PauseSession{}) == "No session is playing, so there is nothing to pause.");
  CHECK(rejection(rig, StartSession{"lake", 10.0F}) == "accepted");
  rig.run(1.0);
  CHECK(rig.controller.snapshot().scene == "lake");
  CHECK(rig.frame.state == SessionState::fading_in);
}

TEST_CASE("commands rejected for bad values", "[core][session]") {
  SessionRig rig;
  CHECK(rejection(rig, StartSession{"", 10.0F}) == "Choose a scene to start the session.");
  CHECK(rejection(rig, StartSession{"sea", 0.05F}) ==
        "A session length of 0.05 minutes is outside the allowed range of 0.1 to 120 minutes. Choose a value in that "
        "range.");
  CHECK(rejection(rig, StartSession{"sea", 121.0F}) ==
        "A session length of 121 minutes is outside the allowed range of 0.1 to 120 minutes. Choose a value in that "
        "range.");
  CHECK(rejection(rig, StartSession{"sea", std::nanf("")}) ==
        "A session length of nan minutes is outside the allowed range of 0.1 to 120 minutes. Choose a value in that "
        "range.");
  reach(rig, SessionState::running);
  CHECK(rejection(rig, ExtendSession{0.0F}) ==
        "An extension of 0 minutes is outside the allowed range of 1 to 60 minutes. Choose a value in that range.");
  CHECK(rejection(rig, ChangeScene{""}) == "Choose a scene to change to.");
  rig.run(1.0);
  CHECK(rig.frame.state == SessionState::running);
}

TEST_CASE("settings out of bounds rejected", "[core][session]") {
  using Case = std::pair<ComfortPatch, std::string>;
  const auto [patch, message] = GENERATE(
      Case{ComfortPatch{.brightness = 1.5F},
           "brightness 1.5 is outside the allowed range of 0.2 to 1. Choose a value in that range."},
      Case{ComfortPatch{.brightness = 0.1F},
           "brightness 0.1 is outside the allowed range of 0.2 to 1. Choose a value in that range."},
      Case{ComfortPatch{.volume = -0.1F},
           "volume -0.1 is outside the allowed range of 0 to 1. Choose a value in that range."},
      Case{ComfortPatch{.volume = 1.01F},
           "volume 1.01 is outside the allowed range of 0 to 1. Choose a value in that range."},
      Case{ComfortPatch{.recline_deg = 91.0F},
           "recline_deg 91 degrees is outside the allowed range of 0 to 90 degrees. Choose a value in that range."},
      Case{ComfortPatch{.breaths_per_minute = 2.0F},
           "breaths_per_minute 2 is outside the allowed range of 3 to 12. Choose a value in that range."},
      Case{ComfortPatch{.fade_in_s = 1.0F},
           "fade_in_s 1 s is outside the allowed range of 2 to 30 s. Choose a value in that range."},
      Case{ComfortPatch{.fade_out_s = 61.0F},
           "fade_out_s 61 s is outside the allowed range of 5 to 60 s. Choose a value in that range."},
      Case{ComfortPatch{.volume = std::nanf("")},
           "volume nan is outside the allowed range of 0 to 1. Choose a value in that range."});

  SessionRig rig;
  reach(rig, SessionState::running);
  const ComfortSettings before = rig.controller.snapshot().settings;
  CHECK(rejection(rig, ChangeSettings{patch}) == message);
  rig.run(1.0);
  const ComfortSettings after = rig.controller.snapshot().settings;
  CHECK(after.brightness == before.brightness);
  CHECK(after.volume == before.volume);
  CHECK(after.recline_deg == before.recline_deg);
  CHECK(after.fade_out_s == before.fade_out_s);
  CHECK(rig.frame.state == SessionState::running);
}

TEST_CASE("controller rejects bad initial settings", "[core][session]") {
  ComfortSettings settings;
  settings.brightness = 3.0F;
  CHECK_THROWS_WITH(SessionController(settings),
                    "brightness 3 is outside the allowed range of 0.2 to 1. Choose a value in that range.");
}

TEST_CASE("settings change smoothly", "[core][session]") {
  SessionRig rig;
  reach(rig, SessionState::running);
  rig.post(ChangeSettings{ComfortPatch{.brightness = 0.2F,
                                       .volume = 0.0F,
                                       .motion = MotionLevel::lively,
                                       .recline_deg = 60.0F,
                                       .warm_colour = true,
                                       .breathing_guide = true,
                                       .breaths_per_minute = 10.0F}});
  const float dt = static_cast<float>(kFrame);
  const float slack = 1.0001F;
  for (int i = 0; i < 60 * 12; ++i) {
    rig.step();
    const SessionFrame& now = rig.frame;
    const SessionFrame& before = rig.previous;
    CHECK(std::abs(now.brightness - before.brightness) <= SessionPacing::brightness_rate * dt * slack);
    CHECK(std::abs(now.volume - before.volume) <= SessionPacing::volume_rate * dt * slack);
    CHECK(std::abs(now.motion_scale - before.motion_scale) <= SessionPacing::motion_scale_rate * dt * slack);
    CHECK(std::abs(now.recline_deg - before.recline_deg) <= SessionPacing::recline_deg_rate * dt * slack);
    CHECK(std::abs(now.warm_colour - before.warm_colour) <= SessionPacing::warm_colour_rate * dt * slack);
    CHECK(std::abs(now.breathing_strength - before.breathing_strength) <=
          SessionPacing::breathing_strength_rate * dt * slack);
  }
  CHECK(rig.frame.brightness == 0.2F);
  CHECK(rig.frame.volume == 0.0F);
  CHECK(rig.frame.motion_scale == motion_scale(MotionLevel::lively));
  CHECK(rig.frame.recline_deg == 60.0F);
  CHECK(rig.frame.warm_colour == 1.0F);
  CHECK(rig.frame.breathing_strength == 1.0F);
  // Settings never touch the session's own fade.
  CHECK(rig.frame.picture_fade == 1.0F);
}

TEST_CASE("breathing phase never jumps", "[core][session]") {
  SessionRig rig;
  rig.post(ChangeSettings{ComfortPatch{.breathing_guide = true, .breaths_per_minute = 3.0F}});
  reach(rig, SessionState::running);
  rig.post(ChangeSettings{ComfortPatch{.breaths_per_minute = 12.0F}});
  for (int i = 0; i < 60 * 20; ++i) {
    rig.step();
    // Distance around the cycle, so the wrap from 1 to 0 is not a jump.
    float change = std::abs(rig.frame.breathing_phase - rig.previous.breathing_phase);
    change = std::min(change, 1.0F - change);
    CHECK(change <= 12.0F / 60.0F * static_cast<float>(kFrame) * 1.01F);
    CHECK(rig.frame.breathing_phase >= 0.0F);
    CHECK(rig.frame.breathing_phase < 1.0F);
  }
}

TEST_CASE("recenter happens at black", "[core][session]") {
  SessionRig rig;
  reach(rig, SessionState::running);
  rig.run(1.0);
  rig.post(Recenter{});
  int recenters = 0;
  for (int i = 0; i < 120; ++i) {
    rig.step();
    CHECK(std::abs(rig.frame.picture_fade - rig.previous.picture_fade) <=
          static_cast<float>(kFrame) / SessionPacing::dip_s * 1.001F);
    CHECK(rig.frame.audio_fade == 1.0F);
    if (rig.frame.recenter) {
      ++recenters;
      CHECK(rig.frame.picture_fade == 0.0F);
    }
  }
  CHECK(recenters == 1);
  CHECK(rig.frame.picture_fade == 1.0F);
}

TEST_CASE("recenter when black is immediate", "[core][session]") {
  SessionRig rig;
  rig.post(Recenter{});
  rig.step();
  CHECK(rig.frame.recenter);
  rig.step();
  CHECK_FALSE(rig.frame.recenter);
}

TEST_CASE("mono view switches at black", "[core][session]") {
  SessionRig rig;
  reach(rig, SessionState::running);
  rig.run(1.0);
  rig.post(ChangeSettings{ComfortPatch{.mono_view = true}});
  bool switched = false;
  for (int i = 0; i < 120; ++i) {
    rig.step();
    if (rig.frame.mono_view != rig.previous.mono_view) {
      switched = true;
      CHECK(rig.frame.picture_fade == 0.0F);
    }
  }
  CHECK(switched);
  CHECK(rig.frame.mono_view);
  CHECK(rig.frame.picture_fade == 1.0F);
}

TEST_CASE("scene change fades through black", "[core][session]") {
  SessionRig rig;
  reach(rig, SessionState::running);
  rig.run(1.0);
  rig.post(ChangeScene{"garden"});
  bool changed = false;
  for (int i = 0; i < 60 * 3; ++i) {
    rig.step();
    const float bound = static_cast<float>(kFrame) / SessionPacing::scene_fade_s * 1.001F;
    CHECK(std::abs(rig.frame.picture_fade - rig.previous.picture_fade) <= bound);
    CHECK(std::abs(rig.frame.audio_fade - rig.previous.audio_fade) <= bound);
    if (rig.frame.scene != rig.previous.scene) {
      changed = true;
      CHECK(rig.frame.scene == "garden");
      CHECK(rig.frame.picture_fade == 0.0F);
      CHECK(rig.frame.audio_fade == 0.0F);
    }
  }
  CHECK(changed);
  CHECK(rig.frame.picture_fade == 1.0F);
  CHECK(rig.frame.audio_fade == 1.0F);
  CHECK(rig.controller.snapshot().scene == "garden");
  CHECK(rig.frame.state == SessionState::running);
}

TEST_CASE("error ends the session", "[core][session]") {
  SessionRig rig;
  reach(rig, SessionState::running);
  rig.post(ReportError{"audio device lost"});
  rig.step();
  CHECK(rig.frame.state == SessionState::ended);
  REQUIRE(rig.events.back().kind == Kind::error);
  CHECK(rig.events.back().message == "audio device lost");
  CHECK(rig.controller.snapshot().last_error == "audio device lost");
  rig.run(1.0);
  CHECK(rig.frame.picture_fade == 0.0F);
}

TEST_CASE("snapshot follows the frames", "[core][session]") {
  SessionRig rig;
  rig.start(10.0F, "night");
  rig.run(20.0);
  const SessionStatus status = rig.controller.snapshot();
  CHECK(status.state == SessionState::running);
  CHECK(status.scene == "night");
  CHECK(status.planned_s == Approx(600.0));
  CHECK(status.time_left_s == Approx(rig.frame.time_left_s));
  CHECK(status.played_s == Approx(600.0 - rig.frame.time_left_s));
}

TEST_CASE("clock going back is harmless", "[core][session]") {
  SessionRig rig;
  reach(rig, SessionState::running);
  const double before = rig.frame.time_left_s;
  rig.step(-5.0);
  CHECK(rig.frame.time_left_s == before);
  CHECK(rig.frame.state == SessionState::running);
}

TEST_CASE("posting from many threads", "[core][session]") {
  SessionRig rig;
  rig.start(120.0F);
  std::atomic<int> finished{0};
  std::vector<std::thread> posters;
  for (int t = 1; t <= 4; ++t) {
    posters.emplace_back([&rig, &finished, t] {
      for (int i = 0; i < 200; ++i) {
        const auto rejection = rig.controller.post(ChangeSettings{ComfortPatch{.volume = static_cast<float>(t) * 0.1F}});
        if (rejection) {
          return;
        }
        (void)rig.controller.snapshot();
      }
      ++finished;
    });
  }
  // The frame loop keeps going while the other threads post.
  while (finished < 4) {
    rig.step();
  }
  for (auto& poster : posters) {
    poster.join();
  }
  // Long enough for the 8 s fade-in to finish, however fast the posters were.
  rig.run(10.0);
  CHECK(rig.frame.state == SessionState::running);
  const float volume = rig.controller.snapshot().settings.volume;
  const bool posted_value = volume == 0.1F || volume == 0.2F || volume == 0.3F || volume == 0.4F;
  CHECK(posted_value);
  CHECK(rig.frame.volume == volume);
}

TEST_CASE("end gently during fade in", "[core][session]") {
  SessionRig rig;
  rig.start();
  rig.run(4.0);
  REQUIRE(rig.frame.state == SessionState::fading_in);
  const float level = rig.frame.picture_fade;
  rig.post(EndGently{});
  rig.step();
  CHECK(rig.frame.state == SessionState::fading_out);
  CHECK(rig.frame.picture_fade <= level);
  rig.run(20.0);
  CHECK(rig.frame.state == SessionState::ended);
  CHECK(rig.events.back().kind == Kind::ended_early);
}

TEST_CASE("transitions are logged old to new", "[core][session]") {
  auto sink = std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(100);
  const auto previous = spdlog::default_logger();
  spdlog::set_default_logger(std::make_shared<spdlog::logger>("capture", sink));
  {
    SessionRig rig;
    rig.start(1.0F);
    rig.run(10.0);
    rig.post(PauseSession{});
    rig.step();
    rig.post(StopNow{});
    rig.step();
  }
  spdlog::set_default_logger(previous);

  std::vector<std::string> transitions;
  for (const auto& line : sink->last_formatted()) {
    const auto at = line.find("session: ");
    if (line.find(" -> ") != std::string::npos && at != std::string::npos) {
      transitions.push_back(line.substr(at + 9, line.find_last_not_of("\r\n") - at - 8));
    }
  }
  CHECK(transitions == std::vector<std::string>{"idle -> fading_in", "fading_in -> running", "running -> paused",
                                                "paused -> ended"});
}

#pragma once

#include "audit/audit_report.hpp"
#include "render/context.hpp"
#include "scene/scene.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace stillwater::app {

// One short session to audit, rendered offscreen on a simulated clock.
struct AuditPlan {
  // The place by name, and its loaded scene; without a scene, the built-in sea.
  std::string scene_id = "sea";
  std::optional<scene::Scene> scene;
  std::uint32_t width = 96;
  std::uint32_t height = 54;
  // Pictures rendered per second of session time; the controller and the
  // sound advance every 10 ms whatever this is.
  double frames_per_second = 10.0;
  // Test only: while the session runs, every other half period shows full
  // white instead of the place, a light flashing at this rate in Hz. 0 for none.
  double test_flash_hz = 0.0;
};

// Plays a whole session with the place's comfort settings but the shortest
// fades the nurse may set. It fades in, shows each motion level (still,
// gentle, lively), recentres, changes scene and ends gently. A second
// session then ends with stop now. Renders the pictures with `context` and
// the sound through OpenAL Soft's loopback device, and measures both.
audit::AuditMeasurements run_audit_session(const render::Context& context, const AuditPlan& plan);

}  // namespace stillwater::app

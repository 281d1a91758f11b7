#pragma once

#include "core/session_frame.hpp"
#include "render/renderer.hpp"

namespace stillwater::app {

// What the renderer draws for one session frame: the controller's fade and
// comfort values, and the scene's animation time in seconds. The caller
// advances that time by the frame time times the frame's motion scale, so
// motion level still freezes every animation.
render::FrameState session_frame_state(const core::SessionFrame& session, float scene_time_s);

}  // namespace stillwater::app

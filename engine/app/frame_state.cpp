#include "app/frame_state.hpp"

namespace stillwater::app {

render::FrameState session_frame_state(const core::SessionFrame& session, float scene_time_s) {
  render::FrameState frame;
  frame.sky.time_s = scene_time_s;
  frame.scene.time_s = scene_time_s;
  // The motion scale is already in the animation time.
  frame.scene.motion = core::MotionLevel::gentle;
  frame.scene.recline_deg = session.recline_deg;
  frame.comfort.fade = session.picture_fade;
  frame.comfort.brightness = session.brightness;
  frame.comfort.warm_colour = session.warm_colour;
  return frame;
}

}  // namespace stillwater::app

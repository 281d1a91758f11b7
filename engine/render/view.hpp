#pragma once

#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>

namespace stillwater::render {

// A field of view as four angles from the view direction, in radians, with
// left and down negative: the layout of OpenXR's XrFovf, so that headset
// views pass through unchanged and may be asymmetric.
struct Fov {
  float angle_left = 0.0F;
  float angle_right = 0.0F;
  float angle_up = 0.0F;
  float angle_down = 0.0F;
};

// One eye's (or one window's) view: where it is, where it looks and what it
// sees. World space is right-handed, +y up, -z ahead, in metres.
struct View {
  glm::quat orientation{1.0F, 0.0F, 0.0F, 0.0F};
  glm::vec3 position{0.0F};
  Fov fov;
};

// Near and far clip planes of every pass's projection, in metres. The
// full-screen passes write the depth of the surface each ray hits with this
// projection, placed models test against that depth, and a headset's
// compositor receives the same planes with the depth images.
inline constexpr float kNearPlaneM = 0.05F;
inline constexpr float kFarPlaneM = 2000.0F;

// A symmetric field of view for a flat target of aspect ratio width / height.
Fov symmetric_fov(float vertical_fov_radians, float aspect);

// Projection into Vulkan's clip space (y down, depth 0 at `near_m` to 1 at
// `far_m`), for symmetric and asymmetric fields of view alike.
glm::mat4 projection_matrix(const Fov& fov, float near_m, float far_m);

// World to eye space: the inverse of the view's pose.
glm::mat4 view_matrix(const View& view);

// Places a tracked view in the world for a patient who is reclined by
// `recline_deg` (0 upright, 90 lying flat) and recentred by `yaw_rad`: the
// world turns about the tracking origin so the horizon sits ahead of the
// patient's eyes. Applied the same way to every eye and to the listener, so
// stereo and sound stay consistent.
View posture_view(const View& tracked, float recline_deg, float yaw_rad);

}  // namespace stillwater::render

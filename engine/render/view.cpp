#include "render/view.hpp"

#include <glm/gtc/matrix_transform.hpp>

#include <cmath>

namespace stillwater::render {

Fov symmetric_fov(float vertical_fov_radians, float aspect) {
  const float half_height = std::tan(vertical_fov_radians * 0.5F);
  const float half_width = half_height * aspect;
  return Fov{-std::atan(half_width), std::atan(half_width), vertical_fov_radians * 0.5F,
             -vertical_fov_radians * 0.5F};
}

glm::mat4 projection_matrix(const Fov& fov, float near_m, float far_m) {
  const float tan_left = std::tan(fov.angle_left);
  const float tan_right = std::tan(fov.angle_right);
  const float tan_up = std::tan(fov.angle_up);
  const float tan_down = std::tan(fov.angle_down);

  const float width = tan_right - tan_left;
  // Vulkan's clip space has y pointing down, hence down minus up.
  const float height = tan_down - tan_up;

  glm::mat4 projection(0.0F);
  projection[0][0] = 2.0F / width;
  projection[2][0] = (tan_right + tan_left) / width;
  projection[1][1] = 2.0F / height;
  projection[2][1] = (tan_up + tan_down) / height;
  projection[2][2] = -far_m / (far_m - near_m);
  projection[2][3] = -1.0F;
  projection[3][2] = -(far_m * near_m) / (far_m - near_m);
  return projection;
}

glm::mat4 view_matrix(const View& view) {
  const glm::mat4 rotation = glm::mat4_cast(glm::conjugate(view.orientation));
  return rotation * glm::translate(glm::mat4(1.0F), -view.position);
}

View posture_view(const View& tracked, float recline_deg, float yaw_rad) {
  // Pitching the world down by the recline brings a gaze at the ceiling
  // back to the horizon; the yaw then turns about the world's vertical, so
  // recentring never rolls the horizon.
  const glm::quat recline = glm::angleAxis(-glm::radians(recline_deg), glm::vec3(1.0F, 0.0F, 0.0F));
  const glm::quat recenter = glm::angleAxis(yaw_rad, glm::vec3(0.0F, 1.0F, 0.0F));
  const glm::quat world = recenter * recline;

  View placed = tracked;
  placed.orientation = world * tracked.orientation;
  placed.position = world * tracked.position;
  return placed;
}

}  // namespace stillwater::render

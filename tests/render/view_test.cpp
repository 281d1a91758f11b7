#include "render/view.hpp"

#include <catch2/catch.hpp>
#include <glm/gtc/quaternion.hpp>

#include <cmath>

using namespace stillwater::render;

namespace {

glm::vec3 project(const glm::mat4& projection, const glm::vec3& eye_point) {
  const glm::vec4 clip = projection * glm::vec4(eye_point, 1.0F);
  return glm::vec3(clip) / clip.w;
}

}  // namespace

TEST_CASE("projection maps fov edges to clip edges", "[render][view]") {
  const Fov fov{-0.7F, 0.5F, 0.6F, -0.4F};
  const glm::mat4 projection = projection_matrix(fov, 0.1F, 100.0F);

  // Points on the edges of the field of view, one metre ahead.
  CHECK(project(projection, {std::tan(fov.angle_left), 0.0F, -1.0F}).x == Approx(-1.0F));
  CHECK(project(projection, {std::tan(fov.angle_right), 0.0F, -1.0F}).x == Approx(1.0F));
  // Vulkan's clip space has y down: the top edge is -1.
  CHECK(project(projection, {0.0F, std::tan(fov.angle_up), -1.0F}).y == Approx(-1.0F));
  CHECK(project(projection, {0.0F, std::tan(fov.angle_down), -1.0F}).y == Approx(1.0F));
}

TEST_CASE("projection maps near to depth 0 and far to 1", "[render][view]") {
  const glm::mat4 projection = projection_matrix(symmetric_fov(1.0F, 1.5F), 0.1F, 100.0F);
  CHECK(project(projection, {0.0F, 0.0F, -0.1F}).z == Approx(0.0F).margin(1e-6));
  CHECK(project(projection, {0.0F, 0.0F, -100.0F}).z == Approx(1.0F));
}

TEST_CASE("symmetric_fov keeps aspect ratio", "[render][view]") {
  const Fov fov = symmetric_fov(glm::radians(60.0F), 2.0F);
  CHECK(fov.angle_up == Approx(glm::radians(30.0F)));
  CHECK(fov.angle_down == Approx(-glm::radians(30.0F)));
  CHECK(std::tan(fov.angle_right) == Approx(2.0F * std::tan(glm::radians(30.0F))));
  CHECK(fov.angle_left == Approx(-fov.angle_right));
}

TEST_CASE("view_matrix inverts the pose", "[render][view]") {
  View view;
  view.position = {1.0F, 2.0F, 3.0F};
  view.orientation = glm::angleAxis(glm::radians(90.0F), glm::vec3(0.0F, 1.0F, 0.0F));

  // Turned 90 degrees left, the eye sees the point one metre to its world-left (-x) straight ahead.
  const glm::vec4 eye_point = view_matrix(view) * glm::vec4(0.0F, 2.0F, 3.0F, 1.0F);
  CHECK(eye_point.x == Approx(0.0F).margin(1e-5));
  CHECK(eye_point.y == Approx(0.0F).margin(1e-5));
  CHECK(eye_point.z == Approx(-1.0F));
}

TEST_CASE("posture_view levels a reclined gaze", "[render][view]") {
  // Lying flat and looking at the ceiling: the view should face the horizon.
  View tracked;
  tracked.orientation = glm::angleAxis(glm::radians(90.0F), glm::vec3(1.0F, 0.0F, 0.0F));
  const View placed = posture_view(tracked, 90.0F, 0.0F);
  const glm::vec3 forward = placed.orientation * glm::vec3(0.0F, 0.0F, -1.0F);
  CHECK(forward.x == Approx(0.0F).margin(1e-5));
  CHECK(forward.y == Approx(0.0F).margin(1e-5));
  CHECK(forward.z == Approx(-1.0F));

  // Half reclined at 45 degrees with the head tipped back as far.
  tracked.orientation = glm::angleAxis(glm::radians(45.0F), glm::vec3(1.0F, 0.0F, 0.0F));
  const glm::vec3 level = posture_view(tracked, 45.0F, 0.0F).orientation * glm::vec3(0.0F, 0.0F, -1.0F);
  CHECK(level.y == Approx(0.0F).margin(1e-5));
}

TEST_CASE("posture_view keeps the horizon level", "[render][view]") {
  View tracked;
  tracked.orientation = glm::angleAxis(glm::radians(60.0F), glm::vec3(1.0F, 0.0F, 0.0F));
  const View placed = posture_view(tracked, 60.0F, glm::radians(30.0F));
  // No roll: the view's right vector stays horizontal.
  const glm::vec3 right = placed.orientation * glm::vec3(1.0F, 0.0F, 0.0F);
  CHECK(right.y == Approx(0.0F).margin(1e-5));
}

TEST_CASE("posture_view recentres yaw", "[render][view]") {
  View tracked;
  tracked.orientation = glm::angleAxis(glm::radians(40.0F), glm::vec3(0.0F, 1.0F, 0.0F));
  const View placed = posture_view(tracked, 0.0F, -glm::radians(40.0F));
  const glm::vec3 forward = placed.orientation * glm::vec3(0.0F, 0.0F, -1.0F);
  CHECK(forward.x == Approx(0.0F).margin(1e-5));
  CHECK(forward.z == Approx(-1.0F));
}

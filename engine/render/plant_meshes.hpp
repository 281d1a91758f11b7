#pragma once

#include <glm/glm.hpp>

#include <cstdint>
#include <vector>

namespace stillwater::render {

// One vertex of a plant mesh, in the plant's own space: metres, +y up, the
// point where it meets the ground at the origin. Laid out as the per-vertex
// inputs of vegetation.vert.
struct PlantVertex {
  glm::vec3 position{0.0F};
  glm::vec3 normal{0.0F, 1.0F, 0.0F};
  // x: sway weight, 0 where the plant is held (root, trunk foot) to 1 at the
  //    tip. The breeze bends a vertex by its weight squared.
  // y: share of the plant's main colour (blade, leaf, petal) against its
  //    second colour (root, stem, bark), 0 to 1.
  // z: shade, a factor about 1 that varies the colour across the plant.
  // w: share of the sky the vertex sees, 0 to 1: less inside a crown or
  //    near the ground.
  glm::vec4 shape{0.0F, 1.0F, 1.0F, 1.0F};
};

struct PlantMesh {
  std::vector<PlantVertex> vertices;
  std::vector<std::uint32_t> indices;  // triangle list
};

// A tuft of six curved grass blades, 0.16 to 0.28 m tall.
PlantMesh grass_tuft_mesh();

// A thin stem 0.3 m tall under a head of petals 0.12 m across.
PlantMesh flower_mesh();

// A broadleaf tree 11.5 m tall with a rounded crown 9 m across, the size of
// the far trees the scene pass draws in cells of 7.5 m.
PlantMesh broadleaf_tree_mesh();

// A conifer 15 m tall, 5.5 m across at its lowest branches, matching the
// far conifers in cells of 5 m.
PlantMesh conifer_tree_mesh();

}  // namespace stillwater::render

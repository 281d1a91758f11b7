#pragma once

#include "core/image.hpp"

#include <glm/glm.hpp>

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <vector>

namespace stillwater::scene {

struct MeshVertex {
  // Model space after the node transforms, metres.
  glm::vec3 position{0.0F};
  glm::vec3 normal{0.0F, 1.0F, 0.0F};
  glm::vec2 uv{0.0F};
  // xyz: model-space direction of increasing u, at right angles to the
  // normal; w: +1 or -1 so that cross(normal, tangent) * w points along
  // decreasing v (up the image), the bitangent glTF normal textures expect.
  // From the glTF TANGENT attribute, else derived from the texture
  // coordinates.
  glm::vec4 tangent{1.0F, 0.0F, 0.0F, 1.0F};
  // Linear RGBA; white when the model has no vertex colours.
  glm::vec4 colour{1.0F};
};

// A glTF metallic-roughness material; textures index ModelData::images, -1
// for none.
struct Material {
  glm::vec4 base_colour{1.0F};
  float metallic = 1.0F;
  float roughness = 1.0F;
  int base_colour_image = -1;
  int normal_image = -1;
};

// One triangle list. Indices always exist: a primitive without them gets
// 0, 1, 2, ...
struct MeshPrimitive {
  std::vector<MeshVertex> vertices;
  std::vector<std::uint32_t> indices;
  // Index into ModelData::materials, -1 for the default material.
  int material = -1;
};

// A glTF model in CPU memory, every accessor checked and every node
// transform applied.
struct ModelData {
  std::vector<MeshPrimitive> primitives;
  std::vector<Material> materials;
  // 8-bit sRGB RGBA, whatever the source file held.
  std::vector<core::Rgba8Image> images;
};

// A model that cannot be used; the message names the file and the part of
// it that is wrong.
class ModelError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Loads a glTF 2.0 model (.gltf with its files, or .glb). Throws ModelError.
ModelData load_model(const std::filesystem::path& file);

}  // namespace stillwater::scene

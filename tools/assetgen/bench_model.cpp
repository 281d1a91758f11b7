#include "bench_model.hpp"

#include "noise.hpp"

#include <fmt/format.h>
#include <fmt/std.h>
#include <glm/glm.hpp>
#include <stb_image_write.h>
#include <tiny_gltf.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <numbers>
#include <stdexcept>
#include <string>
#include <vector>

namespace stillwater::assetgen {

namespace {

constexpr int kTextureSize = 256;
// Metres of wood that one repeat of the texture covers.
constexpr float kTextureMetres = 0.8F;

struct Mesh {
  std::vector<glm::vec3> positions;
  std::vector<glm::vec3> normals;
  std::vector<glm::vec2> uvs;
  std::vector<std::uint32_t> indices;
};

// A rectangular length of timber. `grain` is the axis (0 x, 1 y, 2 z) that
// the wood grain runs along. `offset` shifts its texture, so neighbouring
// pieces do not repeat each other.
struct Piece {
  glm::vec3 centre;
  glm::vec3 size;
  int grain;
  glm::vec2 offset;
};

void add_piece(Mesh& mesh, const Piece& piece) {
  const glm::vec3 half = piece.size * 0.5F;
  for (int axis = 0; axis < 3; ++axis) {
    for (const float side : {-1.0F, 1.0F}) {
      glm::vec3 normal(0.0F);
      normal[axis] = side;
      // The face's two in-plane axes: u follows the grain where the face
      // runs along it; an end face takes the next two axes.
      const int a = axis == piece.grain ? (axis + 1) % 3 : piece.grain;
      const int b = 3 - axis - a;
      const auto base = static_cast<std::uint32_t>(mesh.positions.size());
      for (const auto& [sa, sb] : std::array<std::pair<float, float>, 4>{{{-1, -1}, {1, -1}, {1, 1}, {-1, 1}}}) {
        glm::vec3 corner = piece.centre;
        corner[axis] += side * half[axis];
        corner[a] += sa * half[a];
        corner[b] += sb * half[b];
        mesh.positions.push_back(corner);
        mesh.normals.push_back(normal);
        mesh.uvs.push_back(glm::vec2(corner[a], corner[b]) / kTextureMetres + piece.offset);
      }
      // Counter-clockwise seen from outside, as glTF's front faces are.
      glm::vec3 across(0.0F);
      across[a] = 1.0F;
      glm::vec3 up(0.0F);
      up[b] = 1.0F;
      const bool outward = glm::dot(glm::cross(across, up), normal) > 0.0F;
      const std::array<std::uint32_t, 6> order =
          outward ? std::array<std::uint32_t, 6>{0, 1, 2, 0, 2, 3} : std::array<std::uint32_t, 6>{0, 2, 1, 0, 3, 2};
      for (const std::uint32_t corner : order) {
        mesh.indices.push_back(base + corner);
      }
    }
  }
}

Mesh bench_mesh(std::uint64_t seed) {
  const ValueNoise jitter(seed);
  std::vector<Piece> pieces;
  const auto add = [&](glm::vec3 centre, glm::vec3 size, int grain) {
    const auto index = static_cast<double>(pieces.size());
    const glm::vec2 offset(static_cast<float>(jitter.at(index * 3.1, 0.5, 0.5)),
                           static_cast<float>(jitter.at(0.5, index * 3.1, 0.5)));
    pieces.push_back(Piece{centre, size, grain, offset});
  };

  // Seat: three slats with 2 cm gaps, top surface 0.45 m up.
  for (const float z : {-0.15F, 0.0F, 0.15F}) {
    add({0.0F, 0.4325F, z}, {1.6F, 0.035F, 0.13F}, 0);
  }
  for (const float x : {-0.68F, 0.68F}) {
    // Front legs rise to carry the arm rests; rear legs are the back posts.
    add({x, 0.3225F, 0.17F}, {0.07F, 0.645F, 0.07F}, 1);
    add({x, 0.43F, -0.2F}, {0.07F, 0.86F, 0.07F}, 1);
    // Rail under the seat, and the arm rest.
    add({x, 0.38F, -0.015F}, {0.06F, 0.07F, 0.44F}, 2);
    add({x, 0.6625F, -0.01F}, {0.08F, 0.035F, 0.5F}, 2);
  }
  // Back rest slats in front of the posts, and a low stretcher.
  for (const float y : {0.62F, 0.77F}) {
    add({0.0F, y, -0.1525F}, {1.5F, 0.11F, 0.025F}, 0);
  }
  add({0.0F, 0.12F, -0.015F}, {1.29F, 0.05F, 0.04F}, 0);

  Mesh mesh;
  for (const Piece& piece : pieces) {
    add_piece(mesh, piece);
  }
  return mesh;
}

// Height of the wood surface, 0..1, at texture position (u, v): growth
// rings seen as streaks along u, wavering with the grain. u wraps round a
// circle in noise space so the texture repeats without a seam along it.
double grain_height(const ValueNoise& noise, double u, double v) {
  const double angle = 2.0 * std::numbers::pi * u;
  const double waver = noise.fractal(std::cos(angle) * 1.2, std::sin(angle) * 1.2, v * 4.0, 3);
  const double rings = std::sin((v * 36.0 + waver * 1.2) * 2.0 * std::numbers::pi);
  const double fine = noise.fractal(std::cos(angle) * 8.0, std::sin(angle) * 8.0, v * 120.0, 2);
  return std::clamp(0.55 + 0.15 * rings + 0.4 * (fine - 0.5), 0.0, 1.0);
}

struct WoodTextures {
  std::vector<std::uint8_t> base_colour;
  std::vector<std::uint8_t> normal;
};

WoodTextures wood_textures(std::uint64_t seed) {
  const ValueNoise noise(seed);
  std::vector<double> heights(static_cast<std::size_t>(kTextureSize * kTextureSize));
  for (int y = 0; y < kTextureSize; ++y) {
    for (int x = 0; x < kTextureSize; ++x) {
      heights[static_cast<std::size_t>(y * kTextureSize + x)] =
          grain_height(noise, (x + 0.5) / kTextureSize, (y + 0.5) / kTextureSize);
    }
  }
  const auto height_at = [&](int x, int y) {
    const int wx = (x + kTextureSize) % kTextureSize;
    const int wy = (y + kTextureSize) % kTextureSize;
    return heights[static_cast<std::size_t>(wy * kTextureSize + wx)];
  };

  // Weathered oak: silver-brown, darker in the grain.
  const glm::dvec3 light(160.0, 142.0, 118.0);
  const glm::dvec3 dark(104.0, 88.0, 70.0);
  WoodTextures textures;
  textures.base_colour.resize(static_cast<std::size_t>(kTextureSize * kTextureSize * 3));
  textures.normal.resize(textures.base_colour.size());
  for (int y = 0; y < kTextureSize; ++y) {
    for (int x = 0; x < kTextureSize; ++x) {
      const std::size_t offset = static_cast<std::size_t>((y * kTextureSize + x) * 3);
      const glm::dvec3 colour = glm::mix(dark, light, height_at(x, y));
      // Grooves are the low parts: the slope of the height gives the
      // tangent-space normal, gently, as weathered wood is nearly smooth.
      // Green points up the image, so row y - 1 is the uphill side.
      const double strength = 1.5;
      const glm::dvec3 normal = glm::normalize(glm::dvec3((height_at(x - 1, y) - height_at(x + 1, y)) * strength,
                                                          (height_at(x, y + 1) - height_at(x, y - 1)) * strength, 1.0));
      for (std::size_t channel = 0; channel < 3; ++channel) {
        textures.base_colour[offset + channel] =
            static_cast<std::uint8_t>(std::lround(colour[static_cast<int>(channel)]));
        textures.normal[offset + channel] =
            static_cast<std::uint8_t>(std::lround((normal[static_cast<int>(channel)] * 0.5 + 0.5) * 255.0));
      }
    }
  }
  return textures;
}

std::vector<std::uint8_t> encode_png(const std::vector<std::uint8_t>& pixels) {
  std::vector<std::uint8_t> bytes;
  const auto append = [](void* context, void* data, int size) {
    auto* out = static_cast<std::vector<std::uint8_t>*>(context);
    const auto* begin = static_cast<const std::uint8_t*>(data);
    out->insert(out->end(), begin, begin + size);
  };
  if (stbi_write_png_to_func(append, &bytes, kTextureSize, kTextureSize, 3, pixels.data(), kTextureSize * 3) == 0) {
    throw std::runtime_error("could not encode a bench texture as PNG");
  }
  return bytes;
}

// Appends `bytes` to the buffer, 4-byte aligned, as a new buffer view.
int add_view(tinygltf::Model& model, const void* bytes, std::size_t size, int target) {
  std::vector<unsigned char>& data = model.buffers[0].data;
  data.resize((data.size() + 3U) & ~std::size_t{3});
  tinygltf::BufferView view;
  view.buffer = 0;
  view.byteOffset = data.size();
  view.byteLength = size;
  view.target = target;
  const auto* begin = static_cast<const unsigned char*>(bytes);
  data.insert(data.end(), begin, begin + size);
  model.bufferViews.push_back(view);
  return static_cast<int>(model.bufferViews.size() - 1);
}

int add_accessor(tinygltf::Model& model, int view, int component_type, std::size_t count, int type) {
  tinygltf::Accessor accessor;
  accessor.bufferView = view;
  accessor.componentType = component_type;
  accessor.count = count;
  accessor.type = type;
  model.accessors.push_back(accessor);
  return static_cast<int>(model.accessors.size() - 1);
}

int add_image(tinygltf::Model& model, const std::vector<std::uint8_t>& png, const std::string& name) {
  tinygltf::Image image;
  image.name = name;
  image.mimeType = "image/png";
  image.bufferView = add_view(model, png.data(), png.size(), 0);
  model.images.push_back(image);
  tinygltf::Texture texture;
  texture.source = static_cast<int>(model.images.size() - 1);
  model.textures.push_back(texture);
  return static_cast<int>(model.textures.size() - 1);
}

}  // namespace

void write_bench(const std::filesystem::path& path, std::uint64_t seed) {
  const Mesh mesh = bench_mesh(seed);
  const WoodTextures textures = wood_textures(seed);

  tinygltf::Model model;
  model.asset.version = "2.0";
  model.asset.generator = "stillwater_assetgen";
  model.buffers.emplace_back();

  const int positions = add_accessor(
      model,
      add_view(model, mesh.positions.data(), mesh.positions.size() * sizeof(glm::vec3), TINYGLTF_TARGET_ARRAY_BUFFER),
      TINYGLTF_COMPONENT_TYPE_FLOAT, mesh.positions.size(), TINYGLTF_TYPE_VEC3);
  // glTF requires the bounds of every POSITION accessor.
  glm::vec3 low(1e9F);
  glm::vec3 high(-1e9F);
  for (const glm::vec3& position : mesh.positions) {
    low = glm::min(low, position);
    high = glm::max(high, position);
  }
  model.accessors[static_cast<std::size_t>(positions)].minValues = {low.x, low.y, low.z};
  model.accessors[static_cast<std::size_t>(positions)].maxValues = {high.x, high.y, high.z};
  const int normals = add_accessor(
      model,
      add_view(model, mesh.normals.data(), mesh.normals.size() * sizeof(glm::vec3), TINYGLTF_TARGET_ARRAY_BUFFER),
      TINYGLTF_COMPONENT_TYPE_FLOAT, mesh.normals.size(), TINYGLTF_TYPE_VEC3);
  const int uvs = add_accessor(
      model, add_view(model, mesh.uvs.data(), mesh.uvs.size() * sizeof(glm::vec2), TINYGLTF_TARGET_ARRAY_BUFFER),
      TINYGLTF_COMPONENT_TYPE_FLOAT, mesh.uvs.size(), TINYGLTF_TYPE_VEC2);
  const int indices = add_accessor(model,
                                   add_view(model, mesh.indices.data(), mesh.indices.size() * sizeof(std::uint32_t),
                                            TINYGLTF_TARGET_ELEMENT_ARRAY_BUFFER),
                                   TINYGLTF_COMPONENT_TYPE_UNSIGNED_INT, mesh.indices.size(), TINYGLTF_TYPE_SCALAR);

  tinygltf::Material wood;
  wood.name = "weathered oak";
  wood.pbrMetallicRoughness.baseColorTexture.index = add_image(model, encode_png(textures.base_colour), "oak colour");
  wood.pbrMetallicRoughness.metallicFactor = 0.0;
  wood.pbrMetallicRoughness.roughnessFactor = 0.85;
  wood.normalTexture.index = add_image(model, encode_png(textures.normal), "oak normal");
  model.materials.push_back(wood);

  tinygltf::Primitive primitive;
  primitive.attributes = {{"POSITION", positions}, {"NORMAL", normals}, {"TEXCOORD_0", uvs}};
  primitive.indices = indices;
  primitive.material = 0;
  primitive.mode = TINYGLTF_MODE_TRIANGLES;
  tinygltf::Mesh bench;
  bench.name = "bench";
  bench.primitives.push_back(primitive);
  model.meshes.push_back(bench);

  tinygltf::Node node;
  node.name = "bench";
  node.mesh = 0;
  model.nodes.push_back(node);
  tinygltf::Scene scene;
  scene.nodes = {0};
  model.scenes.push_back(scene);
  model.defaultScene = 0;
  model.buffers[0].data.resize((model.buffers[0].data.size() + 3U) & ~std::size_t{3});

  tinygltf::TinyGLTF writer;
  if (!writer.WriteGltfSceneToFile(&model, path.string(), true, true, false, true)) {
    throw std::runtime_error(fmt::format("could not write {}", path));
  }
}

}  // namespace stillwater::assetgen

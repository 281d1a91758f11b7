#include "scene/model_data.hpp"

#include <fmt/format.h>
#include <glm/gtc/quaternion.hpp>
#include <glm/gtc/type_ptr.hpp>
#include <spdlog/spdlog.h>
#include <stb_image.h>
#include <tiny_gltf.h>

#include <array>
#include <cmath>
#include <cstring>
#include <limits>
#include <optional>
#include <string>

namespace stillwater::scene {

namespace fs = std::filesystem;

namespace {

// Extensions that change how a model must be read; none is supported, so a
// model that requires one is rejected rather than drawn wrongly.
bool extension_supported(const std::string& /*name*/) { return false; }

// Decodes every image through stb_image into 8-bit RGBA, so grey, grey with
// alpha, RGB and RGBA pictures all arrive in one layout.
bool decode_image(tinygltf::Image* image, const int index, std::string* error, std::string* /*warning*/,
                  int /*requested_width*/, int /*requested_height*/, const unsigned char* bytes, int size,
                  void* /*user*/) {
  int width = 0;
  int height = 0;
  int channels = 0;
  stbi_uc* pixels = stbi_load_from_memory(bytes, size, &width, &height, &channels, 4);
  if (pixels == nullptr) {
    *error += fmt::format("image {} ({}) failed to decode: {}; use an 8-bit PNG or JPEG", index, image->uri,
                          stbi_failure_reason());
    return false;
  }
  image->width = width;
  image->height = height;
  image->component = 4;
  image->bits = 8;
  image->pixel_type = TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE;
  image->image.assign(pixels, pixels + static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4);
  stbi_image_free(pixels);
  return true;
}

// Reads typed elements from accessors after checking that every byte they
// name lies inside their buffer view and buffer.
class AccessorReader {
 public:
  AccessorReader(const tinygltf::Model& model, const fs::path& file) : model_(model), file_(file) {}

  [[noreturn]] void fail(int accessor, const std::string& what) const {
    throw ModelError(fmt::format("{}: accessor {}: {}", file_.string(), accessor, what));
  }

  // Checks the accessor's layout and returns the bytes of its first element
  // and the distance between elements.
  std::pair<const std::uint8_t*, std::size_t> locate(int index) const {
    if (index < 0 || static_cast<std::size_t>(index) >= model_.accessors.size()) {
      throw ModelError(fmt::format("{}: accessor {} does not exist; the model has {}", file_.string(), index,
                                   model_.accessors.size()));
    }
    const tinygltf::Accessor& accessor = model_.accessors[static_cast<std::size_t>(index)];
    if (accessor.sparse.isSparse) {
      fail(index, "is sparse, which Stillwater does not read; export the model without sparse accessors");
    }
    if (accessor.bufferView < 0 || static_cast<std::size_t>(accessor.bufferView) >= model_.bufferViews.size()) {
      fail(index, fmt::format("names buffer view {}, which does not exist", accessor.bufferView));
    }
    const tinygltf::BufferView& view = model_.bufferViews[static_cast<std::size_t>(accessor.bufferView)];
    if (view.buffer < 0 || static_cast<std::size_t>(view.buffer) >= model_.buffers.size()) {
      fail(index, fmt::format("buffer view {} names buffer {}, which does not exist", accessor.bufferView,
                              view.buffer));
    }
    const tinygltf::Buffer& buffer = model_.buffers[static_cast<std::size_t>(view.buffer)];

    const int component_size = tinygltf::GetComponentSizeInBytes(static_cast<std::uint32_t>(accessor.componentType));
    const int components = tinygltf::GetNumComponentsInType(static_cast<std::uint32_t>(accessor.type));
    if (component_size <= 0 || components <= 0) {
      fail(index, "has an unknown component type or element type");
    }
    const std::uint64_t element = static_cast<std::uint64_t>(component_size) * static_cast<std::uint64_t>(components);
    const std::uint64_t stride = view.byteStride > 0 ? static_cast<std::uint64_t>(view.byteStride) : element;
    if (stride < element) {
      fail(index, fmt::format("has {}-byte elements but buffer view {} steps only {} bytes", element,
                              accessor.bufferView, stride));
    }

    // All in 64 bits: a count near 2^32 must not wrap round to a small size.
    const std::uint64_t count = static_cast<std::uint64_t>(accessor.count);
    const std::uint64_t needed =
        count == 0 ? 0 : static_cast<std::uint64_t>(accessor.byteOffset) + stride * (count - 1) + element;
    if (needed > static_cast<std::uint64_t>(view.byteLength)) {
      fail(index, fmt::format("claims {} elements, {} bytes of buffer view {}, which holds only {}; the file is "
                              "damaged or was exported wrongly",
                              count, needed, accessor.bufferView, view.byteLength));
    }
    const std::uint64_t view_end = static_cast<std::uint64_t>(view.byteOffset) + view.byteLength;
    if (view_end > buffer.data.size()) {
      fail(index, fmt::format("buffer view {} ends at byte {} of buffer {}, which holds only {}; the file is damaged "
                              "or was exported wrongly",
                              accessor.bufferView, view_end, view.buffer, buffer.data.size()));
    }
    return {buffer.data.data() + view.byteOffset + accessor.byteOffset, static_cast<std::size_t>(stride)};
  }

  const tinygltf::Accessor& accessor(int index) const {
    return model_.accessors[static_cast<std::size_t>(index)];
  }

  // Reads `components` values per element as floats. Integer types are
  // normalised when the accessor's `normalized` flag is set, as it is for
  // colours and texture coordinates.
  std::vector<glm::vec4> read_floats(int index, int components, const char* what) const {
    const auto [data, stride] = locate(index);
    const tinygltf::Accessor& a = accessor(index);
    const int found = tinygltf::GetNumComponentsInType(static_cast<std::uint32_t>(a.type));
    if (found != components && !(components == 4 && found == 3)) {
      fail(index, fmt::format("holds {} with {} components per element; glTF requires {}", what, found, components));
    }
    std::vector<glm::vec4> values(a.count, glm::vec4(0.0F, 0.0F, 0.0F, 1.0F));
    for (std::size_t i = 0; i < a.count; ++i) {
      const std::uint8_t* element = data + i * stride;
      for (int c = 0; c < found; ++c) {
        values[i][c] = read_component(index, element, c);
      }
    }
    return values;
  }

  std::vector<std::uint32_t> read_indices(int index, std::size_t vertex_count) const {
    const auto [data, stride] = locate(index);
    const tinygltf::Accessor& a = accessor(index);
    if (a.type != TINYGLTF_TYPE_SCALAR) {
      fail(index, "holds indices that are not scalars");
    }
    std::vector<std::uint32_t> indices(a.count);
    for (std::size_t i = 0; i < a.count; ++i) {
      const std::uint8_t* element = data + i * stride;
      std::uint32_t value = 0;
      switch (a.componentType) {
        case TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE:
          value = *element;
          break;
        case TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT: {
          std::uint16_t v = 0;
          std::memcpy(&v, element, sizeof(v));
          value = v;
          break;
        }
        case TINYGLTF_COMPONENT_TYPE_UNSIGNED_INT:
          std::memcpy(&value, element, sizeof(value));
          break;
        default:
          fail(index, "holds indices of a signed or floating-point type; glTF requires unsigned integers");
      }
      if (value >= vertex_count) {
        fail(index, fmt::format("index {} at position {} is past the last of {} vertices", value, i, vertex_count));
      }
      indices[i] = value;
    }
    return indices;
  }

 private:
  float read_component(int index, const std::uint8_t* element, int c) const {
    const tinygltf::Accessor& a = accessor(index);
    const auto at = static_cast<std::size_t>(c);
    switch (a.componentType) {
      case TINYGLTF_COMPONENT_TYPE_FLOAT: {
        float v = 0.0F;
        std::memcpy(&v, element + at * 4, sizeof(v));
        return v;
      }
      case TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE: {
        const float v = static_cast<float>(element[at]);
        return a.normalized ? v / 255.0F : v;
      }
      case TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT: {
        std::uint16_t v = 0;
        std::memcpy(&v, element + at * 2, sizeof(v));
        return a.normalized ? static_cast<float>(v) / 65535.0F : static_cast<float>(v);
      }
      default:
        fail(index, "has a component type Stillwater does not read for vertex data; use float, or normalised "
                    "unsigned bytes or shorts");
    }
  }

  const tinygltf::Model& model_;
  const fs::path& file_;
};

glm::mat4 local_transform(const tinygltf::Node& node) {
  if (node.matrix.size() == 16) {
    glm::dmat4 matrix;
    std::memcpy(glm::value_ptr(matrix), node.matrix.data(), sizeof(double) * 16);
    return glm::mat4(matrix);
  }
  glm::mat4 transform(1.0F);
  if (node.translation.size() == 3) {
    transform[3] = glm::vec4(glm::vec3(glm::make_vec3(node.translation.data())), 1.0F);
  }
  if (node.rotation.size() == 4) {
    // glTF stores quaternions as x, y, z, w.
    const glm::quat rotation(static_cast<float>(node.rotation[3]), static_cast<float>(node.rotation[0]),
                             static_cast<float>(node.rotation[1]), static_cast<float>(node.rotation[2]));
    transform = transform * glm::mat4_cast(rotation);
  }
  if (node.scale.size() == 3) {
    transform = transform * glm::scale(glm::mat4(1.0F), glm::vec3(glm::make_vec3(node.scale.data())));
  }
  return transform;
}

// Area-weighted face normals summed at each vertex.
void generate_normals(MeshPrimitive& primitive) {
  for (MeshVertex& vertex : primitive.vertices) {
    vertex.normal = glm::vec3(0.0F);
  }
  for (std::size_t i = 0; i + 2 < primitive.indices.size(); i += 3) {
    MeshVertex& a = primitive.vertices[primitive.indices[i]];
    MeshVertex& b = primitive.vertices[primitive.indices[i + 1]];
    MeshVertex& c = primitive.vertices[primitive.indices[i + 2]];
    const glm::vec3 face = glm::cross(b.position - a.position, c.position - a.position);
    a.normal += face;
    b.normal += face;
    c.normal += face;
  }
  for (MeshVertex& vertex : primitive.vertices) {
    const float length = glm::length(vertex.normal);
    vertex.normal = length > 0.0F ? vertex.normal / length : glm::vec3(0.0F, 1.0F, 0.0F);
  }
}

// Per-triangle tangents from the texture coordinates, summed at each vertex
// and made perpendicular to the normal. A vertex whose triangles have no
// usable texture coordinates gets any direction perpendicular to its normal.
void generate_tangents(MeshPrimitive& primitive) {
  std::vector<glm::vec3> tangents(primitive.vertices.size(), glm::vec3(0.0F));
  std::vector<glm::vec3> bitangents(primitive.vertices.size(), glm::vec3(0.0F));
  for (std::size_t i = 0; i + 2 < primitive.indices.size(); i += 3) {
    const std::array<std::uint32_t, 3> corner{primitive.indices[i], primitive.indices[i + 1], primitive.indices[i + 2]};
    const MeshVertex& a = primitive.vertices[corner[0]];
    const MeshVertex& b = primitive.vertices[corner[1]];
    const MeshVertex& c = primitive.vertices[corner[2]];
    const glm::vec3 edge1 = b.position - a.position;
    const glm::vec3 edge2 = c.position - a.position;
    const glm::vec2 duv1 = b.uv - a.uv;
    const glm::vec2 duv2 = c.uv - a.uv;
    const float determinant = duv1.x * duv2.y - duv2.x * duv1.y;
    if (std::abs(determinant) < 1e-12F) {
      continue;
    }
    const glm::vec3 tangent = (edge1 * duv2.y - edge2 * duv1.y) / determinant;
    const glm::vec3 bitangent = (edge2 * duv1.x - edge1 * duv2.x) / determinant;
    for (const std::uint32_t index : corner) {
      tangents[index] += tangent;
      bitangents[index] += bitangent;
    }
  }
  for (std::size_t i = 0; i < primitive.vertices.size(); ++i) {
    MeshVertex& vertex = primitive.vertices[i];
    glm::vec3 tangent = tangents[i] - vertex.normal * glm::dot(vertex.normal, tangents[i]);
    if (glm::length(tangent) < 1e-6F) {
      const glm::vec3 helper =
          std::abs(vertex.normal.x) < 0.9F ? glm::vec3(1.0F, 0.0F, 0.0F) : glm::vec3(0.0F, 0.0F, 1.0F);
      tangent = glm::cross(helper, vertex.normal);
    }
    tangent = glm::normalize(tangent);
    // glTF's v runs down the image but its normal textures point green up
    // the image, so the bitangent is the opposite of increasing v.
    const float handedness = glm::dot(glm::cross(vertex.normal, tangent), bitangents[i]) > 0.0F ? -1.0F : 1.0F;
    vertex.tangent = glm::vec4(tangent, handedness);
  }
}

class ModelBuilder {
 public:
  ModelBuilder(const tinygltf::Model& model, const fs::path& file) : model_(model), file_(file), reader_(model, file) {}

  ModelData build() {
    for (const tinygltf::Image& image : model_.images) {
      core::Rgba8Image converted;
      converted.width = static_cast<std::uint32_t>(image.width);
      converted.height = static_cast<std::uint32_t>(image.height);
      converted.pixels = image.image;
      result_.images.push_back(std::move(converted));
    }
    for (const tinygltf::Material& material : model_.materials) {
      result_.materials.push_back(convert(material));
    }

    const int scene = model_.defaultScene >= 0 ? model_.defaultScene : 0;
    if (static_cast<std::size_t>(scene) < model_.scenes.size()) {
      for (const int node : model_.scenes[static_cast<std::size_t>(scene)].nodes) {
        visit(node, glm::mat4(1.0F), 0);
      }
    } else {
      // No scene: draw every mesh once, untransformed.
      for (std::size_t mesh = 0; mesh < model_.meshes.size(); ++mesh) {
        add_mesh(static_cast<int>(mesh), glm::mat4(1.0F));
      }
    }
    return std::move(result_);
  }

 private:
  int texture_image(int texture) const {
    if (texture < 0) {
      return -1;
    }
    if (static_cast<std::size_t>(texture) >= model_.textures.size()) {
      throw ModelError(fmt::format("{}: texture {} does not exist", file_.string(), texture));
    }
    const int source = model_.textures[static_cast<std::size_t>(texture)].source;
    if (source < 0 || static_cast<std::size_t>(source) >= model_.images.size()) {
      throw ModelError(fmt::format("{}: texture {} names image {}, which does not exist", file_.string(), texture,
                                   source));
    }
    return source;
  }

  Material convert(const tinygltf::Material& material) const {
    Material result;
    const auto& pbr = material.pbrMetallicRoughness;
    if (pbr.baseColorFactor.size() == 4) {
      result.base_colour =
          glm::vec4(static_cast<float>(pbr.baseColorFactor[0]), static_cast<float>(pbr.baseColorFactor[1]),
                    static_cast<float>(pbr.baseColorFactor[2]), static_cast<float>(pbr.baseColorFactor[3]));
    }
    result.metallic = static_cast<float>(pbr.metallicFactor);
    result.roughness = static_cast<float>(pbr.roughnessFactor);
    result.base_colour_image = texture_image(pbr.baseColorTexture.index);
    result.normal_image = texture_image(material.normalTexture.index);
    return result;
  }

  void visit(int node_index, const glm::mat4& parent, int depth) {
    // glTF node graphs are trees; a deeper chain means a cycle.
    if (depth > 64 || node_index < 0 || static_cast<std::size_t>(node_index) >= model_.nodes.size()) {
      throw ModelError(fmt::format("{}: node {} does not exist or the node tree loops", file_.string(), node_index));
    }
    const tinygltf::Node& node = model_.nodes[static_cast<std::size_t>(node_index)];
    const glm::mat4 transform = parent * local_transform(node);
    if (node.mesh >= 0) {
      add_mesh(node.mesh, transform);
    }
    for (const int child : node.children) {
      visit(child, transform, depth + 1);
    }
  }

  void add_mesh(int mesh_index, const glm::mat4& transform) {
    if (static_cast<std::size_t>(mesh_index) >= model_.meshes.size()) {
      throw ModelError(fmt::format("{}: mesh {} does not exist", file_.string(), mesh_index));
    }
    const glm::mat3 normal_transform = glm::transpose(glm::inverse(glm::mat3(transform)));
    for (const tinygltf::Primitive& source : model_.meshes[static_cast<std::size_t>(mesh_index)].primitives) {
      if (source.mode != TINYGLTF_MODE_TRIANGLES && source.mode != -1) {
        spdlog::warn("{}: mesh {} has a primitive that is not a triangle list; it is left out", file_.string(),
                     mesh_index);
        continue;
      }
      const auto position = source.attributes.find("POSITION");
      if (position == source.attributes.end()) {
        throw ModelError(fmt::format("{}: mesh {} has a primitive without POSITION", file_.string(), mesh_index));
      }
      MeshPrimitive primitive;
      primitive.material = source.material;
      const auto positions = reader_.read_floats(position->second, 3, "positions");
      primitive.vertices.resize(positions.size());
      for (std::size_t i = 0; i < positions.size(); ++i) {
        primitive.vertices[i].position = glm::vec3(transform * glm::vec4(glm::vec3(positions[i]), 1.0F));
      }
      read_attribute(source, "TEXCOORD_0", 2, "texture coordinates", primitive, [](MeshVertex& v, glm::vec4 value) {
        v.uv = glm::vec2(value);
      });
      read_attribute(source, "COLOR_0", 4, "colours", primitive, [](MeshVertex& v, glm::vec4 value) {
        v.colour = value;
      });

      if (source.indices >= 0) {
        primitive.indices = reader_.read_indices(source.indices, primitive.vertices.size());
      } else {
        primitive.indices.resize(primitive.vertices.size());
        for (std::size_t i = 0; i < primitive.indices.size(); ++i) {
          primitive.indices[i] = static_cast<std::uint32_t>(i);
        }
      }
      if (primitive.indices.size() % 3 != 0) {
        throw ModelError(fmt::format("{}: mesh {} has {} indices, which is not a whole number of triangles",
                                     file_.string(), mesh_index, primitive.indices.size()));
      }

      const auto normals = source.attributes.find("NORMAL");
      if (normals != source.attributes.end()) {
        const auto values = reader_.read_floats(normals->second, 3, "normals");
        check_count(normals->second, values.size(), primitive.vertices.size());
        for (std::size_t i = 0; i < values.size(); ++i) {
          primitive.vertices[i].normal = glm::normalize(normal_transform * glm::vec3(values[i]));
        }
      } else {
        generate_normals(primitive);
      }

      const auto tangents = source.attributes.find("TANGENT");
      if (tangents != source.attributes.end()) {
        const auto values = reader_.read_floats(tangents->second, 4, "tangents");
        check_count(tangents->second, values.size(), primitive.vertices.size());
        const glm::mat3 linear(transform);
        for (std::size_t i = 0; i < values.size(); ++i) {
          const glm::vec3 direction = linear * glm::vec3(values[i]);
          const float length = glm::length(direction);
          primitive.vertices[i].tangent =
              glm::vec4(length > 0.0F ? direction / length : glm::vec3(1.0F, 0.0F, 0.0F), values[i].w < 0.0F ? -1.0F : 1.0F);
        }
      } else {
        generate_tangents(primitive);
      }
      result_.primitives.push_back(std::move(primitive));
    }
  }

  template <typename Apply>
  void read_attribute(const tinygltf::Primitive& source, const char* name, int components, const char* what,
                      MeshPrimitive& primitive, Apply apply) const {
    const auto found = source.attributes.find(name);
    if (found == source.attributes.end()) {
      return;
    }
    const auto values = reader_.read_floats(found->second, components, what);
    check_count(found->second, values.size(), primitive.vertices.size());
    for (std::size_t i = 0; i < values.size(); ++i) {
      apply(primitive.vertices[i], values[i]);
    }
  }

  void check_count(int accessor, std::size_t count, std::size_t vertices) const {
    if (count != vertices) {
      reader_.fail(accessor, fmt::format("has {} elements but the primitive has {} positions", count, vertices));
    }
  }

  const tinygltf::Model& model_;
  const fs::path& file_;
  AccessorReader reader_;
  ModelData result_;
};

}  // namespace

ModelData load_model(const fs::path& file) {
  tinygltf::TinyGLTF loader;
  loader.SetImageLoader(decode_image, nullptr);
  tinygltf::Model model;
  std::string error;
  std::string warning;

  const std::string extension = file.extension().string();
  bool loaded = false;
  if (extension == ".glb") {
    loaded = loader.LoadBinaryFromFile(&model, &error, &warning, file.string());
  } else if (extension == ".gltf") {
    loaded = loader.LoadASCIIFromFile(&model, &error, &warning, file.string());
  } else {
    throw ModelError(fmt::format("{}: not a glTF model; use a .gltf or .glb file", file.string()));
  }
  if (!warning.empty()) {
    spdlog::warn("glTF model {}: {}", file.string(), warning);
  }
  if (!loaded) {
    throw ModelError(fmt::format("{}: failed to load the model: {}", file.string(), error));
  }

  for (const std::string& required : model.extensionsRequired) {
    if (!extension_supported(required)) {
      throw ModelError(fmt::format("{}: requires the glTF extension {}, which Stillwater does not support; export "
                                   "the model without it",
                                   file.string(), required));
    }
  }

  ModelData data = ModelBuilder(model, file).build();
  spdlog::info("Loaded model {}: {} primitive(s), {} material(s), {} image(s)", file.string(), data.primitives.size(),
               data.materials.size(), data.images.size());
  return data;
}

}  // namespace stillwater::scene

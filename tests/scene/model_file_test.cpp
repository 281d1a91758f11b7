#include "scene/model_data.hpp"
#include "scene/scene_file.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <stb_image_write.h>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

using namespace stillwater;
namespace fs = std::filesystem;

namespace {

fs::path fresh_folder(const std::string& name) {
  const fs::path folder = fs::temp_directory_path() / ("stillwater-model-" + name);
  fs::remove_all(folder);
  fs::create_directories(folder);
  return folder;
}

void write_bytes(const fs::path& path, const std::vector<std::uint8_t>& bytes) {
  std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()),
                                              static_cast<std::streamsize>(bytes.size()));
}

void write_text(const fs::path& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

template <typename T>
void append(std::vector<std::uint8_t>& bytes, std::initializer_list<T> values) {
  for (const T value : values) {
    std::uint8_t raw[sizeof(T)];
    std::memcpy(raw, &value, sizeof(T));
    bytes.insert(bytes.end(), raw, raw + sizeof(T));
  }
}

// One triangle in the xy plane, counter-clockwise seen from +z.
const std::initializer_list<float> kTriangle{0.0F, 0.0F, 0.0F, 1.0F, 0.0F, 0.0F, 0.0F, 1.0F, 0.0F};

// A one-primitive glTF document; `attributes` and `extra` are raw JSON.
std::string gltf_document(const std::string& buffers, const std::string& views, const std::string& accessors,
                          const std::string& attributes, const std::string& extra = "") {
  return fmt::format(R"({{
  "asset": {{"version": "2.0"}},
  "scene": 0,
  "scenes": [{{"nodes": [0]}}],
  "nodes": [{{"mesh": 0, "translation": [0, 0, -5]}}],
  "meshes": [{{"primitives": [{{{}}}]}}],
  "buffers": [{}],
  "bufferViews": [{}],
  "accessors": [{}]{}
}})",
                     attributes, buffers, views, accessors, extra);
}

std::string position_accessor(int view, int count, int offset = 0) {
  return fmt::format(R"({{"bufferView": {}, "byteOffset": {}, "componentType": 5126, "count": {}, "type": "VEC3"}})",
                     view, offset, count);
}

// The triangle's positions alone, in "mesh.bin": the base of several cases.
fs::path simple_model(const fs::path& folder, int count, const std::string& extra = "",
                      const std::string& attributes = R"("attributes": {"POSITION": 0})") {
  std::vector<std::uint8_t> bytes;
  append<float>(bytes, kTriangle);
  write_bytes(folder / "mesh.bin", bytes);
  const fs::path file = folder / "model.gltf";
  write_text(file, gltf_document(R"({"uri": "mesh.bin", "byteLength": 36})",
                                 R"({"buffer": 0, "byteOffset": 0, "byteLength": 36})", position_accessor(0, count),
                                 attributes, extra));
  return file;
}

}  // namespace

TEST_CASE("interleaved buffer with indices", "[scene][gltf]") {
  const fs::path folder = fresh_folder("interleaved");
  std::vector<std::uint8_t> bytes;
  // Position then normal for each vertex, 24 bytes apart.
  append<float>(bytes, {0.0F, 0.0F, 0.0F, 0.0F, 0.0F, 1.0F, 1.0F, 0.0F, 0.0F, 0.0F, 0.0F, 1.0F, 0.0F, 1.0F, 0.0F,
                        0.0F, 0.0F, 1.0F});
  append<std::uint16_t>(bytes, {2, 1, 0, 0});
  write_bytes(folder / "mesh.bin", bytes);
  const fs::path file = folder / "model.gltf";
  write_text(file, gltf_document(
                       R"({"uri": "mesh.bin", "byteLength": 80})",
                       R"({"buffer": 0, "byteOffset": 0, "byteLength": 72, "byteStride": 24},
                          {"buffer": 0, "byteOffset": 72, "byteLength": 6})",
                       position_accessor(0, 3) + ", " + position_accessor(0, 3, 12) +
                           R"(, {"bufferView": 1, "componentType": 5123, "count": 3, "type": "SCALAR"})",
                       R"("attributes": {"POSITION": 0, "NORMAL": 1}, "indices": 2)"));

  const scene::ModelData model = scene::load_model(file);
  REQUIRE(model.primitives.size() == 1);
  const auto& primitive = model.primitives[0];
  REQUIRE(primitive.vertices.size() == 3);
  // The node's translation is applied.
  CHECK(primitive.vertices[1].position == glm::vec3(1.0F, 0.0F, -5.0F));
  CHECK(primitive.vertices[2].position == glm::vec3(0.0F, 1.0F, -5.0F));
  CHECK(primitive.vertices[0].normal == glm::vec3(0.0F, 0.0F, 1.0F));
  CHECK(primitive.indices == std::vector<std::uint32_t>{2, 1, 0});
  CHECK(primitive.vertices[0].colour == glm::vec4(1.0F));
}

TEST_CASE("separate buffers without indices", "[scene][gltf]") {
  const fs::path folder = fresh_folder("separate");
  std::vector<std::uint8_t> positions;
  append<float>(positions, kTriangle);
  write_bytes(folder / "positions.bin", positions);
  // Normalised unsigned-byte RGBA colours: red, green, blue.
  write_bytes(folder / "colours.bin", {255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255});
  const fs::path file = folder / "model.gltf";
  write_text(file,
             gltf_document(R"({"uri": "positions.bin", "byteLength": 36}, {"uri": "colours.bin", "byteLength": 12})",
                           R"({"buffer": 0, "byteLength": 36}, {"buffer": 1, "byteLength": 12})",
                           position_accessor(0, 3) +
                               R"(, {"bufferView": 1, "componentType": 5121, "normalized": true, "count": 3,
                                     "type": "VEC4"})",
                           R"("attributes": {"POSITION": 0, "COLOR_0": 1})"));

  const scene::ModelData model = scene::load_model(file);
  REQUIRE(model.primitives.size() == 1);
  const auto& primitive = model.primitives[0];
  CHECK(primitive.indices == std::vector<std::uint32_t>{0, 1, 2});
  // Normals are generated from the counter-clockwise winding.
  for (const auto& vertex : primitive.vertices) {
    CHECK(vertex.normal == glm::vec3(0.0F, 0.0F, 1.0F));
  }
  CHECK(primitive.vertices[0].colour == glm::vec4(1.0F, 0.0F, 0.0F, 1.0F));
  CHECK(primitive.vertices[2].colour == glm::vec4(0.0F, 0.0F, 1.0F, 1.0F));
}

TEST_CASE("binary glb loads", "[scene][gltf]") {
  const fs::path folder = fresh_folder("glb");
  std::string json = gltf_document(R"({"byteLength": 36})", R"({"buffer": 0, "byteLength": 36})",
                                   position_accessor(0, 3), R"("attributes": {"POSITION": 0})");
  while (json.size() % 4 != 0) {
    json += ' ';
  }
  std::vector<std::uint8_t> bin;
  append<float>(bin, kTriangle);

  std::vector<std::uint8_t> glb;
  const auto total = static_cast<std::uint32_t>(12 + 8 + json.size() + 8 + bin.size());
  append<std::uint32_t>(glb, {0x46546C67U, 2U, total});
  append<std::uint32_t>(glb, {static_cast<std::uint32_t>(json.size()), 0x4E4F534AU});
  glb.insert(glb.end(), json.begin(), json.end());
  append<std::uint32_t>(glb, {static_cast<std::uint32_t>(bin.size()), 0x004E4942U});
  glb.insert(glb.end(), bin.begin(), bin.end());
  write_bytes(folder / "model.glb", glb);

  const scene::ModelData model = scene::load_model(folder / "model.glb");
  REQUIRE(model.primitives.size() == 1);
  CHECK(model.primitives[0].vertices[1].position == glm::vec3(1.0F, 0.0F, -5.0F));
}

TEST_CASE("material textures load as RGBA", "[scene][gltf]") {
  const fs::path folder = fresh_folder("textures");
  const unsigned char grey[] = {90};
  REQUIRE(stbi_write_png((folder / "grey.png").c_str(), 1, 1, 1, grey, 1) != 0);
  const unsigned char grey_alpha[] = {40, 128};
  REQUIRE(stbi_write_png((folder / "normal.png").c_str(), 1, 1, 2, grey_alpha, 2) != 0);
  const fs::path file = simple_model(folder, 3, R"(,
  "materials": [{"pbrMetallicRoughness": {"baseColorFactor": [1, 0.5, 0.25, 1], "metallicFactor": 0,
                 "roughnessFactor": 0.8, "baseColorTexture": {"index": 0}}, "normalTexture": {"index": 1}}],
  "textures": [{"source": 0}, {"source": 1}],
  "images": [{"uri": "grey.png"}, {"uri": "normal.png"}])",
                                     R"("attributes": {"POSITION": 0}, "material": 0)");

  const scene::ModelData model = scene::load_model(file);
  REQUIRE(model.materials.size() == 1);
  const scene::Material& material = model.materials[0];
  CHECK(material.base_colour == glm::vec4(1.0F, 0.5F, 0.25F, 1.0F));
  CHECK(material.metallic == 0.0F);
  CHECK(material.roughness == Approx(0.8F));
  CHECK(material.base_colour_image == 0);
  CHECK(material.normal_image == 1);
  REQUIRE(model.images.size() == 2);
  CHECK(model.images[0].pixels == std::vector<std::uint8_t>{90, 90, 90, 255});
  CHECK(model.images[1].pixels == std::vector<std::uint8_t>{40, 40, 40, 128});
  CHECK(model.primitives[0].material == 0);
}

TEST_CASE("accessor past its buffer is rejected", "[scene][gltf]") {
  const fs::path folder = fresh_folder("past-end");
  // 300 positions need 3600 bytes, but the view is only 36 bytes long.
  const fs::path file = simple_model(folder, 300);
  CHECK_THROWS_WITH(scene::load_model(file),
                    file.string() + ": accessor 0: claims 300 elements, 3600 bytes of buffer view 0, which holds "
                                    "only 36; the file is damaged or was exported wrongly");

  // A buffer view that reaches past the end of its buffer.
  std::vector<std::uint8_t> bytes;
  append<float>(bytes, kTriangle);
  write_bytes(folder / "short.bin", bytes);
  const fs::path view_file = folder / "view.gltf";
  write_text(view_file, gltf_document(R"({"uri": "short.bin", "byteLength": 36})",
                                      R"({"buffer": 0, "byteOffset": 24, "byteLength": 36})",
                                      position_accessor(0, 3), R"("attributes": {"POSITION": 0})"));
  CHECK_THROWS_WITH(scene::load_model(view_file),
                    view_file.string() + ": accessor 0: buffer view 0 ends at byte 60 of buffer 0, which holds only "
                                         "36; the file is damaged or was exported wrongly");
}

TEST_CASE("index past the vertices is rejected", "[scene][gltf]") {
  const fs::path folder = fresh_folder("bad-index");
  std::vector<std::uint8_t> bytes;
  append<float>(bytes, kTriangle);
  append<std::uint16_t>(bytes, {0, 1, 7, 0});
  write_bytes(folder / "mesh.bin", bytes);
  const fs::path file = folder / "model.gltf";
  write_text(file, gltf_document(R"({"uri": "mesh.bin", "byteLength": 44})",
                                 R"({"buffer": 0, "byteLength": 36}, {"buffer": 0, "byteOffset": 36, "byteLength": 6})",
                                 position_accessor(0, 3) +
                                     R"(, {"bufferView": 1, "componentType": 5123, "count": 3, "type": "SCALAR"})",
                                 R"("attributes": {"POSITION": 0}, "indices": 1)"));
  CHECK_THROWS_WITH(scene::load_model(file),
                    file.string() + ": accessor 1: index 7 at position 2 is past the last of 3 vertices");
}

TEST_CASE("missing buffer file is reported", "[scene][gltf]") {
  const fs::path folder = fresh_folder("missing-buffer");
  const fs::path file = folder / "model.gltf";
  write_text(file, gltf_document(R"({"uri": "absent.bin", "byteLength": 36})", R"({"buffer": 0, "byteLength": 36})",
                                 position_accessor(0, 3), R"("attributes": {"POSITION": 0})"));
  CHECK_THROWS_AS(scene::load_model(file), scene::ModelError);
  try {
    scene::load_model(file);
  } catch (const scene::ModelError& error) {
    const std::string message = error.what();
    CHECK(message.rfind(file.string() + ": failed to load the model: ", 0) == 0);
    CHECK(message.find("absent.bin") != std::string::npos);
  }
}

TEST_CASE("unknown required extension is rejected", "[scene][gltf]") {
  const fs::path folder = fresh_folder("extension");
  const fs::path file = simple_model(folder, 3, R"(,
  "extensionsUsed": ["KHR_draco_mesh_compression"],
  "extensionsRequired": ["KHR_draco_mesh_compression"])");
  CHECK_THROWS_WITH(scene::load_model(file),
                    file.string() + ": requires the glTF extension KHR_draco_mesh_compression, which Stillwater does "
                                    "not support; export the model without it");
}

TEST_CASE("model with wrong extension is rejected", "[scene][gltf]") {
  CHECK_THROWS_WITH(scene::load_model("boat.obj"), "boat.obj: not a glTF model; use a .gltf or .glb file");
}

TEST_CASE("scene validation reads placed models", "[scene][gltf][validate]") {
  const fs::path folder = fresh_folder("scene-model");
  const fs::path model = simple_model(folder, 300);
  const fs::path scene_file = folder / "s.toml";
  write_text(scene_file, "name = \"Test\"\ndescription = \"A test scene.\"\n[[model]]\nfile = \"model.gltf\"\n");
  const auto result = scene::check_scene_file(scene_file);
  REQUIRE(result.problems.size() == 1);
  CHECK(scene::to_string(result.problems[0]) ==
        scene_file.string() + ":4:8: model[0].file: " + model.string() +
            ": accessor 0: claims 300 elements, 3600 bytes of buffer view 0, which holds only 36; the file is damaged "
            "or was exported wrongly");

  simple_model(folder, 3);
  CHECK(scene::check_scene_file(scene_file).problems.empty());
}

TEST_CASE("tangents read or derived from texture coordinates", "[scene][gltf]") {
  const fs::path folder = fresh_folder("tangents");
  std::vector<std::uint8_t> bytes;
  append<float>(bytes, kTriangle);
  // u grows along +x; v grows down the picture, so along -y.
  append<float>(bytes, {0.0F, 1.0F, 1.0F, 1.0F, 0.0F, 0.0F});
  append<float>(bytes, {0.0F, 1.0F, 0.0F, -1.0F, 0.0F, 1.0F, 0.0F, -1.0F, 0.0F, 1.0F, 0.0F, -1.0F});
  write_bytes(folder / "mesh.bin", bytes);
  const std::string buffers = R"({"uri": "mesh.bin", "byteLength": 108})";
  const std::string views = R"({"buffer": 0, "byteLength": 36}, {"buffer": 0, "byteOffset": 36, "byteLength": 24},
                               {"buffer": 0, "byteOffset": 60, "byteLength": 48})";
  const std::string accessors = position_accessor(0, 3) +
                                R"(, {"bufferView": 1, "componentType": 5126, "count": 3, "type": "VEC2"},
                                     {"bufferView": 2, "componentType": 5126, "count": 3, "type": "VEC4"})";

  const fs::path derived = folder / "derived.gltf";
  write_text(derived, gltf_document(buffers, views, accessors, R"("attributes": {"POSITION": 0, "TEXCOORD_0": 1})"));
  const scene::ModelData from_uvs = scene::load_model(derived);
  REQUIRE(from_uvs.primitives.size() == 1);
  for (const auto& vertex : from_uvs.primitives[0].vertices) {
    // Tangent along +x; cross(normal, tangent) = +y is up the picture, so w = +1.
    CHECK(vertex.tangent.x == Approx(1.0F));
    CHECK(vertex.tangent.y == Approx(0.0F).margin(1e-6F));
    CHECK(vertex.tangent.z == Approx(0.0F).margin(1e-6F));
    CHECK(vertex.tangent.w == 1.0F);
  }

  const fs::path given = folder / "given.gltf";
  write_text(given, gltf_document(buffers, views, accessors,
                                  R"("attributes": {"POSITION": 0, "TEXCOORD_0": 1, "TANGENT": 2})"));
  const scene::ModelData from_file = scene::load_model(given);
  REQUIRE(from_file.primitives.size() == 1);
  for (const auto& vertex : from_file.primitives[0].vertices) {
    CHECK(vertex.tangent == glm::vec4(0.0F, 1.0F, 0.0F, -1.0F));
  }
}

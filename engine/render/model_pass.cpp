#include "render/model_pass.hpp"

#include "render/descriptors.hpp"
#include "render/mesh_pipeline.hpp"
#include "render/sky_pass.hpp"
#include "render/texture.hpp"
#include "render/vk_check.hpp"
#include "scene/model_data.hpp"
#include "scene/sun_position.hpp"

#include <fmt/format.h>
#include <glm/gtc/matrix_transform.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <map>
#include <optional>
#include <span>
#include <utility>
#include <vector>

namespace stillwater::render {

namespace {

constexpr std::uint32_t kModelVertex[] = {
#include "model.vert.spv.inc"
};

constexpr std::uint32_t kModelFragment[] = {
#include "model.frag.spv.inc"
};

struct ModelVertex {
  glm::vec3 position;
  glm::vec3 normal;
  glm::vec4 tangent;
  glm::vec2 uv;
  glm::vec4 colour;
};

// Mirrors the push-constant block in model.vert and model.frag.
struct ModelConstants {
  glm::mat4 clip_from_world;
  glm::vec4 sun;
  glm::vec4 sunlight;
  glm::vec4 ambient;
};
static_assert(sizeof(ModelConstants) == 112, "must match the push-constant block in model.vert");

UniquePipeline create_pipeline(const Context& context, VkRenderPass render_pass, const TargetFormat& format,
                               VkPipelineLayout layout) {
  const std::array<VkVertexInputBindingDescription, 1> bindings{
      VkVertexInputBindingDescription{0, sizeof(ModelVertex), VK_VERTEX_INPUT_RATE_VERTEX}};
  const std::array<VkVertexInputAttributeDescription, 5> attributes{
      VkVertexInputAttributeDescription{0, 0, VK_FORMAT_R32G32B32_SFLOAT, offsetof(ModelVertex, position)},
      VkVertexInputAttributeDescription{1, 0, VK_FORMAT_R32G32B32_SFLOAT, offsetof(ModelVertex, normal)},
      VkVertexInputAttributeDescription{2, 0, VK_FORMAT_R32G32B32A32_SFLOAT, offsetof(ModelVertex, tangent)},
      VkVertexInputAttributeDescription{3, 0, VK_FORMAT_R32G32_SFLOAT, offsetof(ModelVertex, uv)},
      VkVertexInputAttributeDescription{4, 0, VK_FORMAT_R32G32B32A32_SFLOAT, offsetof(ModelVertex, colour)}};
  return create_mesh_pipeline(context, render_pass, format,
                              MeshPipelineSpec{kModelVertex, kModelFragment, bindings, attributes, layout}, "models");
}

// One set per material: binding 0 is the base colour texture (sRGB),
// binding 1 the tangent-space normal texture (linear).
constexpr std::array<VkDescriptorType, 2> kMaterialBindings{VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER,
                                                            VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER};

// World transform of a placed model: scale, then turn clockwise seen from
// above (negative about +y), then move.
glm::mat4 placement(const scene::Model& model) {
  glm::mat4 transform = glm::translate(glm::mat4(1.0F), model.position_m);
  transform = glm::rotate(transform, glm::radians(-model.yaw_deg), glm::vec3(0.0F, 1.0F, 0.0F));
  return glm::scale(transform, glm::vec3(model.scale));
}

// One-pixel stand-ins for a material without textures: white leaves the
// base colour as it is, and (128, 128, 255) is the unbent normal.
core::Rgba8Image one_pixel(std::uint8_t red, std::uint8_t green, std::uint8_t blue) {
  core::Rgba8Image image;
  image.width = 1;
  image.height = 1;
  image.pixels = {red, green, blue, 255};
  return image;
}

const scene::Material& material_of(const scene::ModelData& model, const scene::MeshPrimitive& primitive) {
  static const scene::Material kDefault{};
  if (primitive.material < 0 || static_cast<std::size_t>(primitive.material) >= model.materials.size()) {
    return kDefault;
  }
  return model.materials[static_cast<std::size_t>(primitive.material)];
}

// The footprint on the ground of `model`, whose vertices in world space are
// `placed`: centre x and z in the world, then half its size along the
// model's own x and z, in metres. None for a model whose lowest point is
// more than 0.5 m above where the scene places it, which floats rather than
// stands.
std::optional<ModelPass::Footprint> standing_footprint(std::span<const ModelVertex> placed,
                                                       const scene::Model& model) {
  if (placed.empty()) {
    return std::nullopt;
  }
  // Undo the placement's turn, so the box follows the model's own axes.
  const glm::mat3 unturn(glm::rotate(glm::mat4(1.0F), glm::radians(model.yaw_deg), glm::vec3(0.0F, 1.0F, 0.0F)));
  const auto own = [&](const glm::vec3& world) { return unturn * (world - model.position_m); };
  glm::vec3 low = own(placed.front().position);
  glm::vec3 high = low;
  for (const ModelVertex& vertex : placed) {
    low = glm::min(low, own(vertex.position));
    high = glm::max(high, own(vertex.position));
  }
  if (low.y > 0.5F) {
    return std::nullopt;
  }
  const glm::mat3 turn = glm::transpose(unturn);
  const glm::vec3 centre = model.position_m + turn * (0.5F * (low + high));
  const glm::vec3 half = 0.5F * (high - low);
  return ModelPass::Footprint{glm::vec4(centre.x, centre.z, half.x, half.z), glm::radians(model.yaw_deg)};
}

}  // namespace

ModelPass::ModelPass(const Context& context, VkRenderPass render_pass, const TargetFormat& format)
    : context_(context),
      set_layout_(
          create_descriptor_set_layout(context, kMaterialBindings, VK_SHADER_STAGE_FRAGMENT_BIT, "model material")),
      layout_(create_pipeline_layout(context, set_layout_.get(), VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT,
                                     sizeof(ModelConstants), "models")),
      pipeline_(create_pipeline(context, render_pass, format, layout_.get())),
      sampler_(create_material_sampler(context, "model material sampler")),
      white_(upload_texture(context, one_pixel(255, 255, 255), "white base colour")),
      flat_normal_(upload_texture(context, one_pixel(128, 128, 255), "flat normal", TextureOptions{false, false})) {}

VkDescriptorSet ModelPass::allocate_material(VkDescriptorPool pool, VkImageView base_colour, VkImageView normal) const {
  VkDescriptorSetAllocateInfo allocate{};
  allocate.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO;
  allocate.descriptorPool = pool;
  allocate.descriptorSetCount = 1;
  const VkDescriptorSetLayout layout = set_layout_.get();
  allocate.pSetLayouts = &layout;
  VkDescriptorSet set = VK_NULL_HANDLE;
  vk_check(vkAllocateDescriptorSets(context_.device(), &allocate, &set), "vkAllocateDescriptorSets (model material)");

  const std::array<VkDescriptorImageInfo, 2> images{
      VkDescriptorImageInfo{sampler_.get(), base_colour, VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL},
      VkDescriptorImageInfo{sampler_.get(), normal, VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL}};
  std::array<VkWriteDescriptorSet, 2> writes{};
  for (std::uint32_t binding = 0; binding < writes.size(); ++binding) {
    writes[binding].sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET;
    writes[binding].dstSet = set;
    writes[binding].dstBinding = binding;
    writes[binding].descriptorCount = 1;
    writes[binding].descriptorType = VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER;
    writes[binding].pImageInfo = &images[binding];
  }
  vkUpdateDescriptorSets(context_.device(), static_cast<std::uint32_t>(writes.size()), writes.data(), 0, nullptr);
  return set;
}

void ModelPass::set_scene(const scene::Scene& scene) {
  std::vector<scene::ModelData> models;
  std::uint32_t primitive_count = 0;
  for (const scene::Model& placed : scene.models) {
    models.push_back(scene::load_model(placed.file));
    primitive_count += static_cast<std::uint32_t>(models.back().primitives.size());
  }

  // Everything new is built aside and swapped in at the end, so a failed
  // texture upload leaves the old models drawable.
  std::vector<GpuImage> textures;
  const std::uint32_t sets = std::max(primitive_count, 1U);
  const std::array<VkDescriptorPoolSize, 1> sizes{
      VkDescriptorPoolSize{VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 2 * sets}};
  UniqueDescriptorPool pool = create_descriptor_pool(context_, sizes, sets, "model material");
  std::vector<Draw> draws;
  std::vector<ModelVertex> vertices;
  std::vector<std::uint32_t> indices;
  std::vector<Footprint> footprints;
  for (std::size_t model_index = 0; model_index < models.size(); ++model_index) {
    const scene::ModelData& model = models[model_index];
    const scene::Model& placed = scene.models[model_index];
    const glm::mat4 transform = placement(placed);
    const glm::mat3 linear(transform);
    const glm::mat3 normal_transform = glm::transpose(glm::inverse(linear));
    const std::size_t first_vertex = vertices.size();

    // Each image is uploaded once per encoding it is used with: a base
    // colour is sRGB, a normal map linear.
    std::map<std::pair<int, bool>, VkImageView> uploaded;
    const auto texture_view = [&](int image, bool srgb, VkImageView fallback) {
      if (image < 0 || static_cast<std::size_t>(image) >= model.images.size()) {
        return fallback;
      }
      const auto key = std::make_pair(image, srgb);
      if (const auto found = uploaded.find(key); found != uploaded.end()) {
        return found->second;
      }
      const std::string name = fmt::format("{} image {}", placed.file.filename().string(), image);
      textures.push_back(upload_texture(context_, model.images[static_cast<std::size_t>(image)], name,
                                        TextureOptions{srgb, true}));
      uploaded[key] = textures.back().view.get();
      return textures.back().view.get();
    };

    for (const scene::MeshPrimitive& primitive : model.primitives) {
      const scene::Material& material = material_of(model, primitive);
      Draw draw;
      draw.set = allocate_material(pool.get(), texture_view(material.base_colour_image, true, white_.view.get()),
                                   texture_view(material.normal_image, false, flat_normal_.view.get()));
      draw.first_index = static_cast<std::uint32_t>(indices.size());
      draw.index_count = static_cast<std::uint32_t>(primitive.indices.size());
      draws.push_back(draw);

      const auto base = static_cast<std::uint32_t>(vertices.size());
      for (const scene::MeshVertex& vertex : primitive.vertices) {
        ModelVertex out{};
        out.position = glm::vec3(transform * glm::vec4(vertex.position, 1.0F));
        out.normal = glm::normalize(normal_transform * vertex.normal);
        out.tangent = glm::vec4(glm::normalize(linear * glm::vec3(vertex.tangent)), vertex.tangent.w);
        out.uv = vertex.uv;
        out.colour = vertex.colour * material.base_colour;
        vertices.push_back(out);
      }
      for (const std::uint32_t index : primitive.indices) {
        indices.push_back(base + index);
      }
    }

    const std::span<const ModelVertex> placed_vertices(vertices.begin() + static_cast<std::ptrdiff_t>(first_vertex),
                                                       vertices.end());
    if (const auto footprint = standing_footprint(placed_vertices, placed)) {
      footprints.push_back(*footprint);
    }
  }
  pool_ = std::move(pool);
  textures_ = std::move(textures);
  draws_ = std::move(draws);
  footprints_ = std::move(footprints);

  index_count_ = static_cast<std::uint32_t>(indices.size());
  if (index_count_ == 0) {
    vertices_ = HostBuffer{};
    indices_ = HostBuffer{};
    return;
  }
  vertices_ = create_host_buffer(context_, vertices.size() * sizeof(ModelVertex), VK_BUFFER_USAGE_VERTEX_BUFFER_BIT,
                                 "model vertices");
  std::memcpy(vertices_.mapped, vertices.data(), vertices.size() * sizeof(ModelVertex));
  indices_ = create_host_buffer(context_, indices.size() * sizeof(std::uint32_t), VK_BUFFER_USAGE_INDEX_BUFFER_BIT,
                                "model indices");
  std::memcpy(indices_.mapped, indices.data(), indices.size() * sizeof(std::uint32_t));

  // A simple stand-in for the scene shader's atmosphere: warm, dim light
  // from a low sun, white light from a high one.
  const scene::SunPosition sun = scene::sun_position(scene.time);
  const float height = std::sin(glm::radians(sun.elevation_deg));
  const float strength = glm::clamp(height * 4.0F, 0.0F, 1.0F);
  sun_ = glm::vec4(sun_direction(sun.elevation_deg, sun.azimuth_deg), 0.0F);
  sunlight_ = glm::vec4(glm::mix(glm::vec3(1.0F, 0.55F, 0.3F), glm::vec3(1.0F, 0.95F, 0.88F), strength) *
                            (1.4F * strength),
                        0.0F);
  ambient_ = glm::vec4(glm::vec3(0.25F, 0.32F, 0.45F) * glm::max(strength, 0.15F), 0.0F);
  spdlog::info("Uploaded {} placed model(s): {} triangles", scene.models.size(), index_count_ / 3);
}

void ModelPass::record(VkCommandBuffer commands, VkExtent2D extent, const View& view, float eye_height_m) const {
  if (index_count_ == 0) {
    return;
  }
  vkCmdBindPipeline(commands, VK_PIPELINE_BIND_POINT_GRAPHICS, pipeline_.get());
  set_full_viewport(commands, extent);

  View eye = view;
  eye.position.y += eye_height_m;
  ModelConstants constants{};
  constants.clip_from_world = projection_matrix(view.fov, kNearPlaneM, kFarPlaneM) * view_matrix(eye);
  constants.sun = sun_;
  constants.sunlight = sunlight_;
  constants.ambient = ambient_;
  vkCmdPushConstants(commands, layout_.get(), VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, 0,
                     sizeof(constants), &constants);

  const VkDeviceSize offset = 0;
  const VkBuffer buffer = vertices_.buffer.get();
  vkCmdBindVertexBuffers(commands, 0, 1, &buffer, &offset);
  vkCmdBindIndexBuffer(commands, indices_.buffer.get(), 0, VK_INDEX_TYPE_UINT32);
  for (const Draw& draw : draws_) {
    vkCmdBindDescriptorSets(commands, VK_PIPELINE_BIND_POINT_GRAPHICS, layout_.get(), 0, 1, &draw.set, 0, nullptr);
    vkCmdDrawIndexed(commands, draw.index_count, 1, draw.first_index, 0, 0);
  }
}

}  // namespace stillwater::render

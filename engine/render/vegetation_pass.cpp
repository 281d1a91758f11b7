#include "render/vegetation_pass.hpp"

#include "render/descriptors.hpp"
#include "render/fullscreen_pipeline.hpp"
#include "render/mesh_pipeline.hpp"
#include "render/plant_meshes.hpp"
#include "render/vk_check.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstring>
#include <vector>

namespace stillwater::render {

namespace {

constexpr std::uint32_t kVegetationVertex[] = {
#include "vegetation.vert.spv.inc"
};

constexpr std::uint32_t kVegetationFragment[] = {
#include "vegetation.frag.spv.inc"
};

constexpr std::uint32_t kPlacementCompute[] = {
#include "vegetation_place.comp.spv.inc"
};

// Must match land.glsl and vegetation_data.glsl.
constexpr float kGrassRadiusM = 8.5F;
constexpr float kFlowerRadiusM = 20.0F;
constexpr float kNearTreeRadiusM = 60.0F;
constexpr std::uint32_t kKindGrass = 0;
constexpr std::uint32_t kKindFlowers = 1;
constexpr std::uint32_t kKindTrees = 2;

// Distance between candidate spots, metres: one tuft per 0.4 m square is a
// lawn; flowers are picked from a coarser grid that reaches farther.
constexpr float kGrassSpacingM = 0.4F;
constexpr float kFlowerSpacingM = 0.5F;
// The tree cells of land.glsl's tree_cell_size().
constexpr float kBroadleafCellM = 7.5F;
constexpr float kConiferCellM = 5.0F;

constexpr std::uint32_t kPlacementGroupSize = 64;

// Mirrors the header of the Vegetation block in vegetation_data.glsl.
struct VegetationHeader {
  glm::vec4 sunlight;
  glm::vec4 sky_light;
  std::array<glm::vec4, 8> fog_colours;
  std::array<std::uint32_t, 4> counts;
};
static_assert(sizeof(VegetationHeader) == 176, "must match the Vegetation block in vegetation_data.glsl");

// Mirrors PlantInstance in vegetation_data.glsl; also the per-instance
// vertex input of vegetation.vert.
struct PlantInstance {
  glm::vec4 base;
  glm::vec4 colour;
  glm::vec4 second;
  glm::vec4 shape;
};
static_assert(sizeof(PlantInstance) == 64, "must match PlantInstance in vegetation_data.glsl");

// Mirrors the push-constant block in vegetation.vert and vegetation.frag.
struct VegetationConstants {
  glm::mat4 clip_from_world;
  glm::vec4 eye;
  glm::vec4 frame;
};
static_assert(sizeof(VegetationConstants) == 96, "must match the push-constant block in vegetation.vert");

// Mirrors the push-constant block in vegetation_place.comp.
struct PlacementConstants {
  std::uint32_t kind;
  std::uint32_t grid;
  std::uint32_t first;
  float spacing;
};

// Candidates along each side of a square grid that reaches `radius_m` from
// the viewer in every direction, at least; always odd, centred on the viewer.
std::uint32_t grid_side(float radius_m, float spacing_m) {
  return 2 * static_cast<std::uint32_t>(std::ceil(radius_m / spacing_m)) + 1;
}

// Every kind's region of the plant array, in candidates: each kind may keep
// every candidate of its grid.
struct Regions {
  std::uint32_t grass_grid = grid_side(kGrassRadiusM, kGrassSpacingM);
  std::uint32_t flower_grid = grid_side(kFlowerRadiusM, kFlowerSpacingM);
  std::uint32_t broadleaf_grid = grid_side(kNearTreeRadiusM, kBroadleafCellM);
  std::uint32_t conifer_grid = grid_side(kNearTreeRadiusM, kConiferCellM);

  [[nodiscard]] std::uint32_t grass_first() const { return 0; }
  [[nodiscard]] std::uint32_t flower_first() const { return grass_grid * grass_grid; }
  [[nodiscard]] std::uint32_t tree_first() const { return flower_first() + flower_grid * flower_grid; }
  [[nodiscard]] std::uint32_t total() const {
    const std::uint32_t trees = std::max(broadleaf_grid, conifer_grid);
    return tree_first() + trees * trees;
  }
};

// Set 0 of every vegetation shader: the scene's uniforms, then the plants.
constexpr std::array<VkDescriptorType, 2> kVegetationBindings{VK_DESCRIPTOR_TYPE_STORAGE_BUFFER,
                                                              VK_DESCRIPTOR_TYPE_STORAGE_BUFFER};
constexpr std::array<VkDescriptorPoolSize, 1> kVegetationPoolSizes{
    VkDescriptorPoolSize{VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 2}};

UniquePipeline create_draw_pipeline(const Context& context, VkRenderPass render_pass, const TargetFormat& format,
                                    VkPipelineLayout layout) {
  const std::array<VkVertexInputBindingDescription, 2> bindings{
      VkVertexInputBindingDescription{0, sizeof(PlantVertex), VK_VERTEX_INPUT_RATE_VERTEX},
      VkVertexInputBindingDescription{1, sizeof(PlantInstance), VK_VERTEX_INPUT_RATE_INSTANCE}};
  const std::array<VkVertexInputAttributeDescription, 7> attributes{
      VkVertexInputAttributeDescription{0, 0, VK_FORMAT_R32G32B32_SFLOAT, offsetof(PlantVertex, position)},
      VkVertexInputAttributeDescription{1, 0, VK_FORMAT_R32G32B32_SFLOAT, offsetof(PlantVertex, normal)},
      VkVertexInputAttributeDescription{2, 0, VK_FORMAT_R32G32B32A32_SFLOAT, offsetof(PlantVertex, shape)},
      VkVertexInputAttributeDescription{3, 1, VK_FORMAT_R32G32B32A32_SFLOAT, offsetof(PlantInstance, base)},
      VkVertexInputAttributeDescription{4, 1, VK_FORMAT_R32G32B32A32_SFLOAT, offsetof(PlantInstance, colour)},
      VkVertexInputAttributeDescription{5, 1, VK_FORMAT_R32G32B32A32_SFLOAT, offsetof(PlantInstance, second)},
      VkVertexInputAttributeDescription{6, 1, VK_FORMAT_R32G32B32A32_SFLOAT, offsetof(PlantInstance, shape)}};
  return create_mesh_pipeline(
      context, render_pass, format,
      MeshPipelineSpec{kVegetationVertex, kVegetationFragment, bindings, attributes, layout}, "vegetation");
}

UniquePipeline create_placement_pipeline(const Context& context, VkPipelineLayout layout) {
  const UniqueShaderModule shader = create_shader_module(context, kPlacementCompute, "vegetation placement");
  VkComputePipelineCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_COMPUTE_PIPELINE_CREATE_INFO;
  info.stage.sType = VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO;
  info.stage.stage = VK_SHADER_STAGE_COMPUTE_BIT;
  info.stage.module = shader.get();
  info.stage.pName = "main";
  info.layout = layout;
  VkPipeline pipeline = VK_NULL_HANDLE;
  vk_check(vkCreateComputePipelines(context.device(), VK_NULL_HANDLE, 1, &info, nullptr, &pipeline),
           "vkCreateComputePipelines (vegetation placement)");
  context.set_name(pipeline, "vegetation placement");
  return UniquePipeline(context.device(), pipeline);
}

// Only scenes with land, no photo and some plant density get plants near
// the viewer.
bool has_plants(const scene::Scene& scene) {
  if (!scene.terrain || scene.photo) {
    return false;
  }
  const scene::Vegetation& plants = scene.vegetation;
  return plants.grass_density > 0.0F || plants.flower_density > 0.0F || plants.tree_density > 0.0F;
}

}  // namespace

VegetationPass::VegetationPass(const Context& context, VkRenderPass render_pass, const TargetFormat& format,
                               VkBuffer scene_uniforms)
    : context_(context),
      set_layout_(create_descriptor_set_layout(
          context, kVegetationBindings,
          VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT | VK_SHADER_STAGE_COMPUTE_BIT, "vegetation")),
      pool_(create_descriptor_pool(context, kVegetationPoolSizes, 1, "vegetation")),
      layout_(create_pipeline_layout(context, set_layout_.get(),
                                     VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT,
                                     sizeof(VegetationConstants), "vegetation")),
      placement_layout_(create_pipeline_layout(context, set_layout_.get(), VK_SHADER_STAGE_COMPUTE_BIT,
                                               sizeof(PlacementConstants), "vegetation placement")),
      render_pass_(render_pass),
      format_(format) {
  // The four meshes share one vertex and one index buffer.
  std::vector<PlantVertex> vertices;
  std::vector<std::uint32_t> indices;
  const auto add_mesh = [&](const PlantMesh& mesh) {
    MeshRange range;
    range.first_index = static_cast<std::uint32_t>(indices.size());
    range.index_count = static_cast<std::uint32_t>(mesh.indices.size());
    range.vertex_offset = static_cast<std::int32_t>(vertices.size());
    vertices.insert(vertices.end(), mesh.vertices.begin(), mesh.vertices.end());
    indices.insert(indices.end(), mesh.indices.begin(), mesh.indices.end());
    return range;
  };
  grass_ = add_mesh(grass_tuft_mesh());
  flower_ = add_mesh(flower_mesh());
  broadleaf_ = add_mesh(broadleaf_tree_mesh());
  conifer_ = add_mesh(conifer_tree_mesh());
  vertices_ = create_host_buffer(context, vertices.size() * sizeof(PlantVertex), VK_BUFFER_USAGE_VERTEX_BUFFER_BIT,
                                 "plant mesh vertices");
  std::memcpy(vertices_.mapped, vertices.data(), vertices.size() * sizeof(PlantVertex));
  indices_ = create_host_buffer(context, indices.size() * sizeof(std::uint32_t), VK_BUFFER_USAGE_INDEX_BUFFER_BIT,
                                "plant mesh indices");
  std::memcpy(indices_.mapped, indices.data(), indices.size() * sizeof(std::uint32_t));

  // Sized once for the most plants any scene can have, so changing scenes
  // allocates nothing.
  plants_ = create_host_buffer(context, sizeof(VegetationHeader) + Regions{}.total() * sizeof(PlantInstance),
                               VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | VK_BUFFER_USAGE_VERTEX_BUFFER_BIT, "plants");
  std::memset(plants_.mapped, 0, plants_.size);

  VkDescriptorSetAllocateInfo allocate{};
  allocate.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO;
  allocate.descriptorPool = pool_.get();
  allocate.descriptorSetCount = 1;
  const VkDescriptorSetLayout layout = set_layout_.get();
  allocate.pSetLayouts = &layout;
  vk_check(vkAllocateDescriptorSets(context.device(), &allocate, &set_), "vkAllocateDescriptorSets (vegetation)");

  const std::array<VkDescriptorBufferInfo, 2> buffers{VkDescriptorBufferInfo{scene_uniforms, 0, VK_WHOLE_SIZE},
                                                      VkDescriptorBufferInfo{plants_.buffer.get(), 0, VK_WHOLE_SIZE}};
  std::array<VkWriteDescriptorSet, 2> writes{};
  for (std::uint32_t binding = 0; binding < writes.size(); ++binding) {
    writes[binding].sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET;
    writes[binding].dstSet = set_;
    writes[binding].dstBinding = binding;
    writes[binding].descriptorCount = 1;
    writes[binding].descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
    writes[binding].pBufferInfo = &buffers[binding];
  }
  vkUpdateDescriptorSets(context.device(), static_cast<std::uint32_t>(writes.size()), writes.data(), 0, nullptr);
}

void VegetationPass::prepare(const scene::Scene& scene) {
  if (!has_plants(scene)) {
    return;
  }

  // Both pipelines are built only for a scene with plants: on a software
  // renderer each costs megabytes of compiled code. The placement runs once
  // per scene, so set_scene lets its pipeline go straight after.
  if (!pipeline_) {
    pipeline_ = create_draw_pipeline(context_, render_pass_, format_, layout_.get());
  }
  if (!placement_) {
    placement_ = create_placement_pipeline(context_, placement_layout_.get());
  }
}

void VegetationPass::set_scene(const scene::Scene& scene) {
  counts_ = PlantCounts{};
  auto* header = static_cast<VegetationHeader*>(plants_.mapped);
  header->counts = {};
  if (!has_plants(scene)) {
    spdlog::info("Scene {} has no plants near the viewer", scene.name);
    return;
  }

  prepare(scene);
  const UniquePipeline placement = std::move(placement_);
  const scene::Vegetation& plants = scene.vegetation;
  conifers_ = plants.tree_kind == scene::TreeKind::conifer;
  const Regions regions;
  const std::uint32_t tree_grid = conifers_ ? regions.conifer_grid : regions.broadleaf_grid;
  const std::array<PlacementConstants, 3> dispatches{
      PlacementConstants{kKindGrass, regions.grass_grid, regions.grass_first(), kGrassSpacingM},
      PlacementConstants{kKindFlowers, regions.flower_grid, regions.flower_first(), kFlowerSpacingM},
      PlacementConstants{kKindTrees, tree_grid, regions.tree_first(), conifers_ ? kConiferCellM : kBroadleafCellM}};

  context_.submit_and_wait(
      [&](VkCommandBuffer commands) {
        vkCmdBindPipeline(commands, VK_PIPELINE_BIND_POINT_COMPUTE, placement.get());
        vkCmdBindDescriptorSets(commands, VK_PIPELINE_BIND_POINT_COMPUTE, placement_layout_.get(), 0, 1, &set_, 0,
                                nullptr);
        for (const PlacementConstants& dispatch : dispatches) {
          vkCmdPushConstants(commands, placement_layout_.get(), VK_SHADER_STAGE_COMPUTE_BIT, 0, sizeof(dispatch),
                             &dispatch);
          const std::uint32_t candidates = dispatch.grid * dispatch.grid;
          vkCmdDispatch(commands, (candidates + kPlacementGroupSize - 1) / kPlacementGroupSize, 1, 1);
        }
        // The host reads the counts next; frames read the plants as vertex
        // input and the light in the fragment shader.
        VkMemoryBarrier barrier{};
        barrier.sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER;
        barrier.srcAccessMask = VK_ACCESS_SHADER_WRITE_BIT;
        barrier.dstAccessMask =
            VK_ACCESS_HOST_READ_BIT | VK_ACCESS_VERTEX_ATTRIBUTE_READ_BIT | VK_ACCESS_SHADER_READ_BIT;
        vkCmdPipelineBarrier(commands, VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT,
                             VK_PIPELINE_STAGE_HOST_BIT | VK_PIPELINE_STAGE_VERTEX_INPUT_BIT |
                                 VK_PIPELINE_STAGE_FRAGMENT_SHADER_BIT,
                             0, 1, &barrier, 0, nullptr, 0, nullptr);
      },
      "vegetation placement");

  counts_.grass_tufts = header->counts[kKindGrass];
  counts_.flowers = header->counts[kKindFlowers];
  counts_.trees = header->counts[kKindTrees];
  spdlog::info("Scene {}: placed {} grass tufts, {} flowers and {} {} trees near the viewer", scene.name,
               counts_.grass_tufts, counts_.flowers, counts_.trees, conifers_ ? "conifer" : "broadleaf");
}

PlacedPlants VegetationPass::placed() const {
  const auto* first = reinterpret_cast<const PlantInstance*>(static_cast<const std::byte*>(plants_.mapped) +
                                                             sizeof(VegetationHeader));
  const auto bases = [first](std::uint32_t start, std::uint32_t count) {
    std::vector<glm::vec4> result;
    result.reserve(count);
    for (std::uint32_t i = 0; i < count; ++i) {
      result.push_back(first[start + i].base);
    }
    return result;
  };
  const Regions regions;
  return PlacedPlants{bases(regions.grass_first(), counts_.grass_tufts), bases(regions.flower_first(), counts_.flowers),
                      bases(regions.tree_first(), counts_.trees)};
}

void VegetationPass::draw_kind(VkCommandBuffer commands, const MeshRange& mesh, std::uint32_t first_plant,
                               std::uint32_t count) const {
  if (count == 0) {
    return;
  }
  vkCmdDrawIndexed(commands, mesh.index_count, count, mesh.first_index, mesh.vertex_offset, first_plant);
}

void VegetationPass::record(VkCommandBuffer commands, VkExtent2D extent, const View& view, float eye_height_m,
                            float animation_time_s, float motion_scale) const {
  if (counts_.grass_tufts + counts_.flowers + counts_.trees == 0) {
    return;
  }
  vkCmdBindPipeline(commands, VK_PIPELINE_BIND_POINT_GRAPHICS, pipeline_.get());
  set_full_viewport(commands, extent);
  vkCmdBindDescriptorSets(commands, VK_PIPELINE_BIND_POINT_GRAPHICS, layout_.get(), 0, 1, &set_, 0, nullptr);

  View eye = view;
  eye.position.y += eye_height_m;
  VegetationConstants constants{};
  constants.clip_from_world = projection_matrix(view.fov, kNearPlaneM, kFarPlaneM) * view_matrix(eye);
  constants.eye = glm::vec4(eye.position, 0.0F);
  constants.frame = glm::vec4(animation_time_s, motion_scale, 0.0F, 0.0F);
  vkCmdPushConstants(commands, layout_.get(), VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, 0,
                     sizeof(constants), &constants);

  const std::array<VkBuffer, 2> buffers{vertices_.buffer.get(), plants_.buffer.get()};
  const std::array<VkDeviceSize, 2> offsets{0, sizeof(VegetationHeader)};
  vkCmdBindVertexBuffers(commands, 0, 2, buffers.data(), offsets.data());
  vkCmdBindIndexBuffer(commands, indices_.buffer.get(), 0, VK_INDEX_TYPE_UINT32);

  const Regions regions;
  draw_kind(commands, grass_, regions.grass_first(), counts_.grass_tufts);
  draw_kind(commands, flower_, regions.flower_first(), counts_.flowers);
  draw_kind(commands, conifers_ ? conifer_ : broadleaf_, regions.tree_first(), counts_.trees);
}

}  // namespace stillwater::render

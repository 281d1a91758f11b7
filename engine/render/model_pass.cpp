#include "render/model_pass.hpp"

#include "render/fullscreen_pipeline.hpp"
#include "render/sky_pass.hpp"
#include "render/vk_check.hpp"
#include "scene/model_data.hpp"
#include "scene/sun_position.hpp"

#include <glm/gtc/matrix_transform.hpp>
#include <spdlog/spdlog.h>

#include <array>
#include <cmath>
#include <cstring>
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
  const UniqueShaderModule vertex = create_shader_module(context, kModelVertex, "model vertex");
  const UniqueShaderModule fragment = create_shader_module(context, kModelFragment, "model fragment");
  std::array<VkPipelineShaderStageCreateInfo, 2> stages{};
  stages[0].sType = VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO;
  stages[0].stage = VK_SHADER_STAGE_VERTEX_BIT;
  stages[0].module = vertex.get();
  stages[0].pName = "main";
  stages[1].sType = VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO;
  stages[1].stage = VK_SHADER_STAGE_FRAGMENT_BIT;
  stages[1].module = fragment.get();
  stages[1].pName = "main";

  const VkVertexInputBindingDescription binding{0, sizeof(ModelVertex), VK_VERTEX_INPUT_RATE_VERTEX};
  const std::array<VkVertexInputAttributeDescription, 3> attributes{
      VkVertexInputAttributeDescription{0, 0, VK_FORMAT_R32G32B32_SFLOAT, offsetof(ModelVertex, position)},
      VkVertexInputAttributeDescription{1, 0, VK_FORMAT_R32G32B32_SFLOAT, offsetof(ModelVertex, normal)},
      VkVertexInputAttributeDescription{2, 0, VK_FORMAT_R32G32B32A32_SFLOAT, offsetof(ModelVertex, colour)}};
  VkPipelineVertexInputStateCreateInfo vertex_input{};
  vertex_input.sType = VK_STRUCTURE_TYPE_PIPELINE_VERTEX_INPUT_STATE_CREATE_INFO;
  vertex_input.vertexBindingDescriptionCount = 1;
  vertex_input.pVertexBindingDescriptions = &binding;
  vertex_input.vertexAttributeDescriptionCount = static_cast<std::uint32_t>(attributes.size());
  vertex_input.pVertexAttributeDescriptions = attributes.data();

  VkPipelineInputAssemblyStateCreateInfo input_assembly{};
  input_assembly.sType = VK_STRUCTURE_TYPE_PIPELINE_INPUT_ASSEMBLY_STATE_CREATE_INFO;
  input_assembly.topology = VK_PRIMITIVE_TOPOLOGY_TRIANGLE_LIST;

  VkPipelineViewportStateCreateInfo viewport{};
  viewport.sType = VK_STRUCTURE_TYPE_PIPELINE_VIEWPORT_STATE_CREATE_INFO;
  viewport.viewportCount = 1;
  viewport.scissorCount = 1;

  // glTF meshes may be single-sided or not; drawing both sides is safe.
  VkPipelineRasterizationStateCreateInfo rasterization{};
  rasterization.sType = VK_STRUCTURE_TYPE_PIPELINE_RASTERIZATION_STATE_CREATE_INFO;
  rasterization.polygonMode = VK_POLYGON_MODE_FILL;
  rasterization.cullMode = VK_CULL_MODE_NONE;
  rasterization.frontFace = VK_FRONT_FACE_COUNTER_CLOCKWISE;
  rasterization.lineWidth = 1.0F;

  VkPipelineMultisampleStateCreateInfo multisample{};
  multisample.sType = VK_STRUCTURE_TYPE_PIPELINE_MULTISAMPLE_STATE_CREATE_INFO;
  multisample.rasterizationSamples = format.samples;

  VkPipelineDepthStencilStateCreateInfo depth{};
  depth.sType = VK_STRUCTURE_TYPE_PIPELINE_DEPTH_STENCIL_STATE_CREATE_INFO;
  depth.depthTestEnable = VK_TRUE;
  depth.depthWriteEnable = VK_TRUE;
  depth.depthCompareOp = VK_COMPARE_OP_LESS;

  VkPipelineColorBlendAttachmentState blend_attachment{};
  blend_attachment.colorWriteMask = VK_COLOR_COMPONENT_R_BIT | VK_COLOR_COMPONENT_G_BIT |
                                    VK_COLOR_COMPONENT_B_BIT | VK_COLOR_COMPONENT_A_BIT;
  VkPipelineColorBlendStateCreateInfo blend{};
  blend.sType = VK_STRUCTURE_TYPE_PIPELINE_COLOR_BLEND_STATE_CREATE_INFO;
  blend.attachmentCount = 1;
  blend.pAttachments = &blend_attachment;

  const std::array<VkDynamicState, 2> dynamic_states{VK_DYNAMIC_STATE_VIEWPORT, VK_DYNAMIC_STATE_SCISSOR};
  VkPipelineDynamicStateCreateInfo dynamic{};
  dynamic.sType = VK_STRUCTURE_TYPE_PIPELINE_DYNAMIC_STATE_CREATE_INFO;
  dynamic.dynamicStateCount = static_cast<std::uint32_t>(dynamic_states.size());
  dynamic.pDynamicStates = dynamic_states.data();

  VkGraphicsPipelineCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_GRAPHICS_PIPELINE_CREATE_INFO;
  info.stageCount = static_cast<std::uint32_t>(stages.size());
  info.pStages = stages.data();
  info.pVertexInputState = &vertex_input;
  info.pInputAssemblyState = &input_assembly;
  info.pViewportState = &viewport;
  info.pRasterizationState = &rasterization;
  info.pMultisampleState = &multisample;
  info.pDepthStencilState = &depth;
  info.pColorBlendState = &blend;
  info.pDynamicState = &dynamic;
  info.layout = layout;
  info.renderPass = render_pass;

  VkPipeline pipeline = VK_NULL_HANDLE;
  vk_check(vkCreateGraphicsPipelines(context.device(), VK_NULL_HANDLE, 1, &info, nullptr, &pipeline),
           "vkCreateGraphicsPipelines (models)");
  context.set_name(pipeline, "models");
  return UniquePipeline(context.device(), pipeline);
}

UniquePipelineLayout create_layout(const Context& context) {
  const VkPushConstantRange range{VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, 0,
                                  sizeof(ModelConstants)};
  VkPipelineLayoutCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO;
  info.pushConstantRangeCount = 1;
  info.pPushConstantRanges = &range;
  VkPipelineLayout layout = VK_NULL_HANDLE;
  vk_check(vkCreatePipelineLayout(context.device(), &info, nullptr, &layout), "vkCreatePipelineLayout (models)");
  context.set_name(layout, "models layout");
  return UniquePipelineLayout(context.device(), layout);
}

// World transform of a placed model: scale, then turn clockwise seen from
// above (negative about +y), then move.
glm::mat4 placement(const scene::Model& model) {
  glm::mat4 transform = glm::translate(glm::mat4(1.0F), model.position_m);
  transform = glm::rotate(transform, glm::radians(-model.yaw_deg), glm::vec3(0.0F, 1.0F, 0.0F));
  return glm::scale(transform, glm::vec3(model.scale));
}

}  // namespace

ModelPass::ModelPass(const Context& context, VkRenderPass render_pass, const TargetFormat& format)
    : context_(context), layout_(create_layout(context)), pipeline_(create_pipeline(context, render_pass, format,
                                                                                   layout_.get())) {}

void ModelPass::set_scene(const scene::Scene& scene) {
  std::vector<ModelVertex> vertices;
  std::vector<std::uint32_t> indices;
  for (const scene::Model& placed : scene.models) {
    const scene::ModelData model = scene::load_model(placed.file);
    const glm::mat4 transform = placement(placed);
    const glm::mat3 normal_transform = glm::transpose(glm::inverse(glm::mat3(transform)));
    for (const scene::MeshPrimitive& primitive : model.primitives) {
      const glm::vec4 factor = primitive.material >= 0 &&
                                       static_cast<std::size_t>(primitive.material) < model.materials.size()
                                   ? model.materials[static_cast<std::size_t>(primitive.material)].base_colour
                                   : glm::vec4(1.0F);
      const auto base = static_cast<std::uint32_t>(vertices.size());
      for (const scene::MeshVertex& vertex : primitive.vertices) {
        vertices.push_back(ModelVertex{glm::vec3(transform * glm::vec4(vertex.position, 1.0F)),
                                       glm::normalize(normal_transform * vertex.normal), vertex.colour * factor});
      }
      for (const std::uint32_t index : primitive.indices) {
        indices.push_back(base + index);
      }
    }
  }

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
  const VkViewport viewport{0.0F, 0.0F, static_cast<float>(extent.width), static_cast<float>(extent.height),
                            0.0F, 1.0F};
  vkCmdSetViewport(commands, 0, 1, &viewport);
  const VkRect2D scissor{{0, 0}, extent};
  vkCmdSetScissor(commands, 0, 1, &scissor);

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
  vkCmdDrawIndexed(commands, index_count_, 1, 0, 0, 0);
}

}  // namespace stillwater::render

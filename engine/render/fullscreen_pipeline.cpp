#include "render/fullscreen_pipeline.hpp"

#include "render/vk_check.hpp"

#include <array>

namespace stillwater::render {

namespace {

constexpr std::uint32_t kFullscreenVertex[] = {
#include "fullscreen.vert.spv.inc"
};

constexpr std::uint32_t kFullscreenPlainVertex[] = {
#include "fullscreen_plain.vert.spv.inc"
};

}  // namespace

UniqueShaderModule create_shader_module(const Context& context, std::span<const std::uint32_t> spirv,
                                        const std::string& name) {
  VkShaderModuleCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO;
  info.codeSize = spirv.size_bytes();
  info.pCode = spirv.data();

  VkShaderModule module = VK_NULL_HANDLE;
  vk_check(vkCreateShaderModule(context.device(), &info, nullptr, &module), "vkCreateShaderModule (" + name + ")");
  context.set_name(module, name);
  return UniqueShaderModule(context.device(), module);
}

FullscreenPipeline::FullscreenPipeline(const Context& context, VkRenderPass render_pass,
                                       const TargetFormat& format, const FullscreenPipelineSpec& spec,
                                       const std::string& name)
    : push_constant_bytes_(spec.push_constant_bytes) {
  const VkPushConstantRange push_range{VK_SHADER_STAGE_FRAGMENT_BIT, 0, spec.push_constant_bytes};
  VkPipelineLayoutCreateInfo layout_info{};
  layout_info.sType = VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO;
  layout_info.pushConstantRangeCount = spec.push_constant_bytes > 0 ? 1 : 0;
  layout_info.pPushConstantRanges = &push_range;
  layout_info.setLayoutCount = spec.descriptor_set_layout != VK_NULL_HANDLE ? 1 : 0;
  layout_info.pSetLayouts = &spec.descriptor_set_layout;
  VkPipelineLayout layout = VK_NULL_HANDLE;
  vk_check(vkCreatePipelineLayout(context.device(), &layout_info, nullptr, &layout),
           "vkCreatePipelineLayout (" + name + ")");
  layout_ = UniquePipelineLayout(context.device(), layout);
  context.set_name(layout, name + " layout");

  // Modules are needed only while the pipeline is created.
  const UniqueShaderModule vertex =
      spec.fragment_reads_ndc
          ? create_shader_module(context, kFullscreenVertex, "fullscreen triangle vertex")
          : create_shader_module(context, kFullscreenPlainVertex, "fullscreen triangle vertex without outputs");
  const UniqueShaderModule fragment = create_shader_module(context, spec.fragment_spirv, name + " fragment");

  std::array<VkPipelineShaderStageCreateInfo, 2> stages{};
  stages[0].sType = VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO;
  stages[0].stage = VK_SHADER_STAGE_VERTEX_BIT;
  stages[0].module = vertex.get();
  stages[0].pName = "main";
  stages[1].sType = VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO;
  stages[1].stage = VK_SHADER_STAGE_FRAGMENT_BIT;
  stages[1].module = fragment.get();
  stages[1].pName = "main";

  VkPipelineVertexInputStateCreateInfo vertex_input{};
  vertex_input.sType = VK_STRUCTURE_TYPE_PIPELINE_VERTEX_INPUT_STATE_CREATE_INFO;

  VkPipelineInputAssemblyStateCreateInfo input_assembly{};
  input_assembly.sType = VK_STRUCTURE_TYPE_PIPELINE_INPUT_ASSEMBLY_STATE_CREATE_INFO;
  input_assembly.topology = VK_PRIMITIVE_TOPOLOGY_TRIANGLE_LIST;

  VkPipelineViewportStateCreateInfo viewport{};
  viewport.sType = VK_STRUCTURE_TYPE_PIPELINE_VIEWPORT_STATE_CREATE_INFO;
  viewport.viewportCount = 1;
  viewport.scissorCount = 1;

  VkPipelineRasterizationStateCreateInfo rasterization{};
  rasterization.sType = VK_STRUCTURE_TYPE_PIPELINE_RASTERIZATION_STATE_CREATE_INFO;
  rasterization.polygonMode = VK_POLYGON_MODE_FILL;
  rasterization.cullMode = VK_CULL_MODE_NONE;
  rasterization.frontFace = VK_FRONT_FACE_COUNTER_CLOCKWISE;
  rasterization.lineWidth = 1.0F;

  VkPipelineMultisampleStateCreateInfo multisample{};
  multisample.sType = VK_STRUCTURE_TYPE_PIPELINE_MULTISAMPLE_STATE_CREATE_INFO;
  multisample.rasterizationSamples = format.samples;

  // Depth writes happen only with the depth test on, so a pass that writes
  // depth tests with ALWAYS: it draws first and sets every pixel's depth.
  VkPipelineDepthStencilStateCreateInfo depth{};
  depth.sType = VK_STRUCTURE_TYPE_PIPELINE_DEPTH_STENCIL_STATE_CREATE_INFO;
  depth.depthTestEnable = spec.writes_depth ? VK_TRUE : VK_FALSE;
  depth.depthWriteEnable = spec.writes_depth ? VK_TRUE : VK_FALSE;
  depth.depthCompareOp = VK_COMPARE_OP_ALWAYS;

  VkPipelineColorBlendAttachmentState blend_attachment{};
  blend_attachment.colorWriteMask = VK_COLOR_COMPONENT_R_BIT | VK_COLOR_COMPONENT_G_BIT |
                                    VK_COLOR_COMPONENT_B_BIT | VK_COLOR_COMPONENT_A_BIT;
  if (spec.blending == Blending::alpha) {
    blend_attachment.blendEnable = VK_TRUE;
    blend_attachment.srcColorBlendFactor = VK_BLEND_FACTOR_SRC_ALPHA;
    blend_attachment.dstColorBlendFactor = VK_BLEND_FACTOR_ONE_MINUS_SRC_ALPHA;
    blend_attachment.colorBlendOp = VK_BLEND_OP_ADD;
    blend_attachment.srcAlphaBlendFactor = VK_BLEND_FACTOR_ZERO;
    blend_attachment.dstAlphaBlendFactor = VK_BLEND_FACTOR_ONE;
    blend_attachment.alphaBlendOp = VK_BLEND_OP_ADD;
  } else if (spec.blending == Blending::multiply) {
    blend_attachment.blendEnable = VK_TRUE;
    blend_attachment.srcColorBlendFactor = VK_BLEND_FACTOR_ZERO;
    blend_attachment.dstColorBlendFactor = VK_BLEND_FACTOR_SRC_COLOR;
    blend_attachment.colorBlendOp = VK_BLEND_OP_ADD;
    blend_attachment.srcAlphaBlendFactor = VK_BLEND_FACTOR_ZERO;
    blend_attachment.dstAlphaBlendFactor = VK_BLEND_FACTOR_ONE;
    blend_attachment.alphaBlendOp = VK_BLEND_OP_ADD;
  }
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
  info.subpass = 0;

  VkPipeline pipeline = VK_NULL_HANDLE;
  vk_check(vkCreateGraphicsPipelines(context.device(), VK_NULL_HANDLE, 1, &info, nullptr, &pipeline),
           "vkCreateGraphicsPipelines (" + name + ")");
  pipeline_ = UniquePipeline(context.device(), pipeline);
  context.set_name(pipeline, name);
}

void FullscreenPipeline::draw(VkCommandBuffer commands, VkExtent2D extent, const void* constants,
                              VkDescriptorSet descriptor_set) const {
  vkCmdBindDescriptorSets(commands, VK_PIPELINE_BIND_POINT_GRAPHICS, layout_.get(), 0, 1, &descriptor_set, 0, nullptr);
  draw(commands, extent, constants);
}

void FullscreenPipeline::draw(VkCommandBuffer commands, VkExtent2D extent, const void* constants) const {
  vkCmdBindPipeline(commands, VK_PIPELINE_BIND_POINT_GRAPHICS, pipeline_.get());

  const VkViewport viewport{0.0F, 0.0F, static_cast<float>(extent.width), static_cast<float>(extent.height),
                            0.0F, 1.0F};
  vkCmdSetViewport(commands, 0, 1, &viewport);
  const VkRect2D scissor{{0, 0}, extent};
  vkCmdSetScissor(commands, 0, 1, &scissor);

  if (push_constant_bytes_ > 0) {
    vkCmdPushConstants(commands, layout_.get(), VK_SHADER_STAGE_FRAGMENT_BIT, 0, push_constant_bytes_, constants);
  }
  vkCmdDraw(commands, 3, 1, 0, 0);
}

}  // namespace stillwater::render

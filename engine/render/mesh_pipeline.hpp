#pragma once

#include "render/context.hpp"
#include "render/frame_target.hpp"
#include "render/vk_handle.hpp"

#include <vulkan/vulkan.h>

#include <cstdint>
#include <span>
#include <string>

namespace stillwater::render {

// A pipeline for triangle meshes drawn after the scene pass: depth tested
// against the land and water it wrote (and writing depth itself), opaque,
// both faces drawn, viewport and scissor dynamic.
struct MeshPipelineSpec {
  std::span<const std::uint32_t> vertex_spirv;
  std::span<const std::uint32_t> fragment_spirv;
  std::span<const VkVertexInputBindingDescription> bindings;
  std::span<const VkVertexInputAttributeDescription> attributes;
  VkPipelineLayout layout = VK_NULL_HANDLE;
};

UniquePipeline create_mesh_pipeline(const Context& context, VkRenderPass render_pass, const TargetFormat& format,
                                    const MeshPipelineSpec& spec, const std::string& name);

// Sets the viewport (depth 0 to 1) and scissor to the whole of `extent`.
void set_full_viewport(VkCommandBuffer commands, VkExtent2D extent);

}  // namespace stillwater::render

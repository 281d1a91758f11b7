#pragma once

#include "render/context.hpp"
#include "render/frame_target.hpp"
#include "render/vk_handle.hpp"

#include <vulkan/vulkan.h>

#include <cstdint>
#include <span>
#include <string>

namespace stillwater::render {

enum class Blending {
  opaque,
  // Straight alpha: the output's alpha weighs its colour against what is there.
  alpha,
  // The target's colour times the output's colour; alpha is left alone.
  multiply,
};

struct FullscreenPipelineSpec {
  std::span<const std::uint32_t> fragment_spirv;
  std::uint32_t push_constant_bytes = 0;
  Blending blending = Blending::opaque;
  // Whether the fragment shader reads the pixel's normalised device
  // coordinates at input location 0.
  bool fragment_reads_ndc = true;
  // Set 0 of the fragment shader, or none.
  VkDescriptorSetLayout descriptor_set_layout = VK_NULL_HANDLE;
  // Whether the fragment shader writes gl_FragDepth, which the pipeline then
  // stores without testing; otherwise depth is neither tested nor written.
  bool writes_depth = false;
};

// A graphics pipeline that draws one viewport-filling triangle with a given
// fragment shader and push constants visible to that shader. Viewport and
// scissor are dynamic, so one pipeline serves every target size.
class FullscreenPipeline {
 public:
  FullscreenPipeline(const Context& context, VkRenderPass render_pass, const TargetFormat& format,
                     const FullscreenPipelineSpec& spec, const std::string& name);

  // Binds the pipeline, sets viewport and scissor to `extent`, pushes
  // `constants` (push_constant_bytes long) and draws.
  void draw(VkCommandBuffer commands, VkExtent2D extent, const void* constants) const;

  // The same, with `descriptor_set` bound as set 0 first.
  void draw(VkCommandBuffer commands, VkExtent2D extent, const void* constants, VkDescriptorSet descriptor_set) const;

 private:
  std::uint32_t push_constant_bytes_ = 0;
  UniquePipelineLayout layout_;
  UniquePipeline pipeline_;
};

UniqueShaderModule create_shader_module(const Context& context, std::span<const std::uint32_t> spirv,
                                        const std::string& name);

}  // namespace stillwater::render

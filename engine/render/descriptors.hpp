#pragma once

#include "render/context.hpp"
#include "render/vk_handle.hpp"

#include <vulkan/vulkan.h>

#include <cstdint>
#include <span>
#include <string>

namespace stillwater::render {

// A descriptor set layout with one descriptor at each binding 0, 1, 2, ...
// of the given types, all visible to `stages`. `name` is what failures and
// debuggers call it, such as "scene".
UniqueDescriptorSetLayout create_descriptor_set_layout(const Context& context,
                                                       std::span<const VkDescriptorType> types,
                                                       VkShaderStageFlags stages, const std::string& name);

// A descriptor pool for at most `max_sets` sets holding `sizes` in all.
UniqueDescriptorPool create_descriptor_pool(const Context& context, std::span<const VkDescriptorPoolSize> sizes,
                                            std::uint32_t max_sets, const std::string& name);

// A pipeline layout of one descriptor set and one push-constant range of
// `push_bytes` from offset 0, visible to `push_stages`.
UniquePipelineLayout create_pipeline_layout(const Context& context, VkDescriptorSetLayout set_layout,
                                            VkShaderStageFlags push_stages, std::uint32_t push_bytes,
                                            const std::string& name);

}  // namespace stillwater::render

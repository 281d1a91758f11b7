#include "render/descriptors.hpp"

#include "render/vk_check.hpp"

#include <fmt/format.h>

#include <vector>

namespace stillwater::render {

UniqueDescriptorSetLayout create_descriptor_set_layout(const Context& context,
                                                       std::span<const VkDescriptorType> types,
                                                       VkShaderStageFlags stages, const std::string& name) {
  std::vector<VkDescriptorSetLayoutBinding> bindings(types.size());
  for (std::size_t binding = 0; binding < bindings.size(); ++binding) {
    bindings[binding].binding = static_cast<std::uint32_t>(binding);
    bindings[binding].descriptorType = types[binding];
    bindings[binding].descriptorCount = 1;
    bindings[binding].stageFlags = stages;
  }

  VkDescriptorSetLayoutCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO;
  info.bindingCount = static_cast<std::uint32_t>(bindings.size());
  info.pBindings = bindings.data();
  VkDescriptorSetLayout layout = VK_NULL_HANDLE;
  vk_check(vkCreateDescriptorSetLayout(context.device(), &info, nullptr, &layout),
           "vkCreateDescriptorSetLayout (" + name + ")");
  context.set_name(layout, name + " descriptor set layout");
  return UniqueDescriptorSetLayout(context.device(), layout);
}

UniqueDescriptorPool create_descriptor_pool(const Context& context, std::span<const VkDescriptorPoolSize> sizes,
                                            std::uint32_t max_sets, const std::string& name) {
  VkDescriptorPoolCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO;
  info.maxSets = max_sets;
  info.poolSizeCount = static_cast<std::uint32_t>(sizes.size());
  info.pPoolSizes = sizes.data();
  VkDescriptorPool pool = VK_NULL_HANDLE;
  vk_check(vkCreateDescriptorPool(context.device(), &info, nullptr, &pool),
           fmt::format("vkCreateDescriptorPool ({}, {} sets)", name, max_sets));
  context.set_name(pool, name + " descriptor pool");
  return UniqueDescriptorPool(context.device(), pool);
}

UniquePipelineLayout create_pipeline_layout(const Context& context, VkDescriptorSetLayout set_layout,
                                            VkShaderStageFlags push_stages, std::uint32_t push_bytes,
                                            const std::string& name) {
  const VkPushConstantRange range{push_stages, 0, push_bytes};
  VkPipelineLayoutCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO;
  info.setLayoutCount = 1;
  info.pSetLayouts = &set_layout;
  info.pushConstantRangeCount = 1;
  info.pPushConstantRanges = &range;
  VkPipelineLayout layout = VK_NULL_HANDLE;
  vk_check(vkCreatePipelineLayout(context.device(), &info, nullptr, &layout),
           "vkCreatePipelineLayout (" + name + ")");
  context.set_name(layout, name + " layout");
  return UniquePipelineLayout(context.device(), layout);
}

}  // namespace stillwater::render

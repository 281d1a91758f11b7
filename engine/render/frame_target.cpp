#include "render/frame_target.hpp"

#include "render/vk_check.hpp"

#include <array>
#include <stdexcept>
#include <utility>

namespace stillwater::render {

VkFormat choose_depth_format(const Context& context) {
  for (const VkFormat candidate : {VK_FORMAT_D32_SFLOAT, VK_FORMAT_D24_UNORM_S8_UINT, VK_FORMAT_D16_UNORM}) {
    VkFormatProperties properties{};
    vkGetPhysicalDeviceFormatProperties(context.physical_device(), candidate, &properties);
    if ((properties.optimalTilingFeatures & VK_FORMAT_FEATURE_DEPTH_STENCIL_ATTACHMENT_BIT) != 0) {
      return candidate;
    }
  }
  throw std::runtime_error("the Vulkan device supports none of D32_SFLOAT, D24_UNORM_S8_UINT and "
                           "D16_UNORM as a depth attachment");
}

UniqueRenderPass create_render_pass(const Context& context, const TargetFormat& format) {
  std::array<VkAttachmentDescription, 3> attachments{};

  VkAttachmentDescription& colour = attachments[0];
  colour.format = format.colour;
  colour.samples = format.samples;
  colour.loadOp = VK_ATTACHMENT_LOAD_OP_CLEAR;
  colour.storeOp = VK_ATTACHMENT_STORE_OP_DONT_CARE;
  colour.stencilLoadOp = VK_ATTACHMENT_LOAD_OP_DONT_CARE;
  colour.stencilStoreOp = VK_ATTACHMENT_STORE_OP_DONT_CARE;
  colour.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
  colour.finalLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;

  VkAttachmentDescription& depth = attachments[1];
  depth.format = format.depth;
  depth.samples = format.samples;
  depth.loadOp = VK_ATTACHMENT_LOAD_OP_CLEAR;
  depth.storeOp = VK_ATTACHMENT_STORE_OP_DONT_CARE;
  depth.stencilLoadOp = VK_ATTACHMENT_LOAD_OP_DONT_CARE;
  depth.stencilStoreOp = VK_ATTACHMENT_STORE_OP_DONT_CARE;
  depth.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
  depth.finalLayout = VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL;

  VkAttachmentDescription& resolve = attachments[2];
  resolve.format = format.colour;
  resolve.samples = VK_SAMPLE_COUNT_1_BIT;
  resolve.loadOp = VK_ATTACHMENT_LOAD_OP_DONT_CARE;
  resolve.storeOp = VK_ATTACHMENT_STORE_OP_STORE;
  resolve.stencilLoadOp = VK_ATTACHMENT_LOAD_OP_DONT_CARE;
  resolve.stencilStoreOp = VK_ATTACHMENT_STORE_OP_DONT_CARE;
  resolve.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
  resolve.finalLayout = format.final_layout;

  const VkAttachmentReference colour_reference{0, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL};
  const VkAttachmentReference depth_reference{1, VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL};
  const VkAttachmentReference resolve_reference{2, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL};

  VkSubpassDescription subpass{};
  subpass.pipelineBindPoint = VK_PIPELINE_BIND_POINT_GRAPHICS;
  subpass.colorAttachmentCount = 1;
  subpass.pColorAttachments = &colour_reference;
  subpass.pResolveAttachments = &resolve_reference;
  subpass.pDepthStencilAttachment = &depth_reference;

  // The first dependency orders this pass after earlier use of the same
  // images (the previous frame, or a copy out of the final image); the second
  // makes the resolved image visible to a following transfer or compositor.
  std::array<VkSubpassDependency, 2> dependencies{};
  dependencies[0].srcSubpass = VK_SUBPASS_EXTERNAL;
  dependencies[0].dstSubpass = 0;
  dependencies[0].srcStageMask = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT |
                                 VK_PIPELINE_STAGE_LATE_FRAGMENT_TESTS_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT;
  dependencies[0].dstStageMask = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT |
                                 VK_PIPELINE_STAGE_EARLY_FRAGMENT_TESTS_BIT;
  dependencies[0].srcAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT |
                                  VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT | VK_ACCESS_TRANSFER_READ_BIT;
  dependencies[0].dstAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT |
                                  VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_READ_BIT |
                                  VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT;

  dependencies[1].srcSubpass = 0;
  dependencies[1].dstSubpass = VK_SUBPASS_EXTERNAL;
  dependencies[1].srcStageMask = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT;
  dependencies[1].dstStageMask = VK_PIPELINE_STAGE_TRANSFER_BIT | VK_PIPELINE_STAGE_FRAGMENT_SHADER_BIT;
  dependencies[1].srcAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
  dependencies[1].dstAccessMask = VK_ACCESS_TRANSFER_READ_BIT | VK_ACCESS_SHADER_READ_BIT;

  VkRenderPassCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_RENDER_PASS_CREATE_INFO;
  info.attachmentCount = static_cast<std::uint32_t>(attachments.size());
  info.pAttachments = attachments.data();
  info.subpassCount = 1;
  info.pSubpasses = &subpass;
  info.dependencyCount = static_cast<std::uint32_t>(dependencies.size());
  info.pDependencies = dependencies.data();

  VkRenderPass render_pass = VK_NULL_HANDLE;
  vk_check(vkCreateRenderPass(context.device(), &info, nullptr, &render_pass),
           "vkCreateRenderPass (" + format_name(format.colour) + ", " +
               std::to_string(static_cast<int>(format.samples)) + " samples)");
  context.set_name(render_pass, "scene render pass " + format_name(format.colour));
  return UniqueRenderPass(context.device(), render_pass);
}

MultisampleAttachments::MultisampleAttachments(const Context& context, const TargetFormat& format,
                                               VkExtent2D extent_pixels, const std::string& name)
    : extent(extent_pixels) {
  ImageSpec colour_spec;
  colour_spec.format = format.colour;
  colour_spec.extent = extent_pixels;
  colour_spec.samples = format.samples;
  colour_spec.usage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSIENT_ATTACHMENT_BIT;
  colour = create_image(context, colour_spec, name + " multisampled colour");

  ImageSpec depth_spec;
  depth_spec.format = format.depth;
  depth_spec.extent = extent_pixels;
  depth_spec.samples = format.samples;
  depth_spec.usage = VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSIENT_ATTACHMENT_BIT;
  depth_spec.aspect = VK_IMAGE_ASPECT_DEPTH_BIT;
  depth = create_image(context, depth_spec, name + " multisampled depth");
}

FrameTarget::FrameTarget(const Context& context, VkRenderPass render_pass, const TargetFormat& format,
                         VkImageView resolve_view, VkExtent2D extent, const std::string& name)
    : FrameTarget(context, render_pass, std::make_shared<const MultisampleAttachments>(context, format, extent, name),
                  resolve_view, name) {}

FrameTarget::FrameTarget(const Context& context, VkRenderPass render_pass,
                         std::shared_ptr<const MultisampleAttachments> attachments, VkImageView resolve_view,
                         const std::string& name)
    : attachments_(std::move(attachments)) {
  if (!attachments_) {
    throw std::invalid_argument("frame target " + name + " needs multisampled attachments");
  }

  const std::array<VkImageView, 3> views{attachments_->colour.view.get(), attachments_->depth.view.get(),
                                         resolve_view};
  VkFramebufferCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_FRAMEBUFFER_CREATE_INFO;
  info.renderPass = render_pass;
  info.attachmentCount = static_cast<std::uint32_t>(views.size());
  info.pAttachments = views.data();
  info.width = attachments_->extent.width;
  info.height = attachments_->extent.height;
  info.layers = 1;

  VkFramebuffer framebuffer = VK_NULL_HANDLE;
  vk_check(vkCreateFramebuffer(context.device(), &info, nullptr, &framebuffer), "vkCreateFramebuffer (" + name + ")");
  framebuffer_ = UniqueFramebuffer(context.device(), framebuffer);
  context.set_name(framebuffer, name + " framebuffer");
}

}  // namespace stillwater::render

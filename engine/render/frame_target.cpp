#include "render/frame_target.hpp"

#include "render/vk_check.hpp"

#include <array>
#include <stdexcept>
#include <utility>
#include <vector>

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

namespace {

// A render pass in Vulkan 1.2's terms, which can express the depth resolve.
// Members point at one another, so the description stays where it is built.
struct RenderPassDescription {
  RenderPassDescription() = default;
  RenderPassDescription(const RenderPassDescription&) = delete;
  RenderPassDescription& operator=(const RenderPassDescription&) = delete;

  std::vector<VkAttachmentDescription2> attachments;
  VkAttachmentReference2 colour_reference{};
  VkAttachmentReference2 depth_reference{};
  VkAttachmentReference2 resolve_reference{};
  VkAttachmentReference2 depth_resolve_reference{};
  VkSubpassDescriptionDepthStencilResolve depth_resolve{};
  VkSubpassDescription2 subpass{};
  std::array<VkSubpassDependency2, 2> dependencies{};
};

VkAttachmentDescription2 attachment(VkFormat format, VkSampleCountFlagBits samples, VkAttachmentLoadOp load,
                                    VkAttachmentStoreOp store, VkImageLayout final_layout) {
  VkAttachmentDescription2 description{};
  description.sType = VK_STRUCTURE_TYPE_ATTACHMENT_DESCRIPTION_2;
  description.format = format;
  description.samples = samples;
  description.loadOp = load;
  description.storeOp = store;
  description.stencilLoadOp = VK_ATTACHMENT_LOAD_OP_DONT_CARE;
  description.stencilStoreOp = VK_ATTACHMENT_STORE_OP_DONT_CARE;
  description.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
  description.finalLayout = final_layout;
  return description;
}

VkAttachmentReference2 reference(std::uint32_t index, VkImageLayout layout) {
  VkAttachmentReference2 result{};
  result.sType = VK_STRUCTURE_TYPE_ATTACHMENT_REFERENCE_2;
  result.attachment = index;
  result.layout = layout;
  return result;
}

void describe(const TargetFormat& format, RenderPassDescription& pass) {
  constexpr VkImageLayout kColourLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
  constexpr VkImageLayout kDepthLayout = VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL;
  pass.attachments = {
      attachment(format.colour, format.samples, VK_ATTACHMENT_LOAD_OP_CLEAR, VK_ATTACHMENT_STORE_OP_DONT_CARE,
                 kColourLayout),
      attachment(format.depth, format.samples, VK_ATTACHMENT_LOAD_OP_CLEAR, VK_ATTACHMENT_STORE_OP_DONT_CARE,
                 kDepthLayout),
      attachment(format.colour, VK_SAMPLE_COUNT_1_BIT, VK_ATTACHMENT_LOAD_OP_DONT_CARE, VK_ATTACHMENT_STORE_OP_STORE,
                 format.final_layout)};

  pass.colour_reference = reference(0, kColourLayout);
  pass.depth_reference = reference(1, kDepthLayout);
  pass.resolve_reference = reference(2, kColourLayout);

  pass.subpass.sType = VK_STRUCTURE_TYPE_SUBPASS_DESCRIPTION_2;
  pass.subpass.pipelineBindPoint = VK_PIPELINE_BIND_POINT_GRAPHICS;
  pass.subpass.colorAttachmentCount = 1;
  pass.subpass.pColorAttachments = &pass.colour_reference;
  pass.subpass.pResolveAttachments = &pass.resolve_reference;
  pass.subpass.pDepthStencilAttachment = &pass.depth_reference;

  if (format.depth_resolve != VK_RESOLVE_MODE_NONE) {
    // The compositor reads the resolved depth after the pass, so it is stored
    // and left in DEPTH_STENCIL_ATTACHMENT_OPTIMAL, the layout that
    // XR_KHR_vulkan_enable expects a released depth image to be in.
    pass.attachments.push_back(attachment(format.depth, VK_SAMPLE_COUNT_1_BIT, VK_ATTACHMENT_LOAD_OP_DONT_CARE,
                                          VK_ATTACHMENT_STORE_OP_STORE, kDepthLayout));
    pass.depth_resolve_reference = reference(3, kDepthLayout);
    pass.depth_resolve.sType = VK_STRUCTURE_TYPE_SUBPASS_DESCRIPTION_DEPTH_STENCIL_RESOLVE;
    pass.depth_resolve.depthResolveMode = format.depth_resolve;
    pass.depth_resolve.stencilResolveMode = VK_RESOLVE_MODE_NONE;
    pass.depth_resolve.pDepthStencilResolveAttachment = &pass.depth_resolve_reference;
    pass.subpass.pNext = &pass.depth_resolve;
  }

  // The first dependency orders this pass after earlier use of the same
  // images (the previous frame, or a copy out of the final image); the second
  // makes the resolved images visible to a following transfer or compositor.
  // Resolves, depth included, run in the colour attachment output stage.
  VkSubpassDependency2& before = pass.dependencies[0];
  before.sType = VK_STRUCTURE_TYPE_SUBPASS_DEPENDENCY_2;
  before.srcSubpass = VK_SUBPASS_EXTERNAL;
  before.dstSubpass = 0;
  before.srcStageMask = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT | VK_PIPELINE_STAGE_LATE_FRAGMENT_TESTS_BIT |
                        VK_PIPELINE_STAGE_TRANSFER_BIT;
  before.dstStageMask = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT | VK_PIPELINE_STAGE_EARLY_FRAGMENT_TESTS_BIT;
  before.srcAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT | VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT |
                         VK_ACCESS_TRANSFER_READ_BIT;
  before.dstAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT | VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_READ_BIT |
                         VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT;

  VkSubpassDependency2& after = pass.dependencies[1];
  after.sType = VK_STRUCTURE_TYPE_SUBPASS_DEPENDENCY_2;
  after.srcSubpass = 0;
  after.dstSubpass = VK_SUBPASS_EXTERNAL;
  after.srcStageMask = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT;
  after.dstStageMask = VK_PIPELINE_STAGE_TRANSFER_BIT | VK_PIPELINE_STAGE_FRAGMENT_SHADER_BIT;
  after.srcAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
  after.dstAccessMask = VK_ACCESS_TRANSFER_READ_BIT | VK_ACCESS_SHADER_READ_BIT;
}

VkAttachmentReference to_version_1(const VkAttachmentReference2& reference) {
  return VkAttachmentReference{reference.attachment, reference.layout};
}

// Creates the pass through Vulkan 1.0's vkCreateRenderPass, which every
// device has. Only a pass without depth resolve can be created this way.
VkRenderPass create_version_1(const Context& context, const RenderPassDescription& pass, const std::string& label) {
  std::vector<VkAttachmentDescription> attachments;
  for (const VkAttachmentDescription2& source : pass.attachments) {
    attachments.push_back(VkAttachmentDescription{source.flags, source.format, source.samples, source.loadOp,
                                                  source.storeOp, source.stencilLoadOp, source.stencilStoreOp,
                                                  source.initialLayout, source.finalLayout});
  }
  const VkAttachmentReference colour = to_version_1(pass.colour_reference);
  const VkAttachmentReference depth = to_version_1(pass.depth_reference);
  const VkAttachmentReference resolve = to_version_1(pass.resolve_reference);

  VkSubpassDescription subpass{};
  subpass.pipelineBindPoint = pass.subpass.pipelineBindPoint;
  subpass.colorAttachmentCount = 1;
  subpass.pColorAttachments = &colour;
  subpass.pResolveAttachments = &resolve;
  subpass.pDepthStencilAttachment = &depth;

  std::array<VkSubpassDependency, 2> dependencies{};
  for (std::size_t index = 0; index < dependencies.size(); ++index) {
    const VkSubpassDependency2& source = pass.dependencies[index];
    dependencies[index] = VkSubpassDependency{source.srcSubpass,    source.dstSubpass,    source.srcStageMask,
                                              source.dstStageMask,  source.srcAccessMask, source.dstAccessMask,
                                              source.dependencyFlags};
  }

  VkRenderPassCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_RENDER_PASS_CREATE_INFO;
  info.attachmentCount = static_cast<std::uint32_t>(attachments.size());
  info.pAttachments = attachments.data();
  info.subpassCount = 1;
  info.pSubpasses = &subpass;
  info.dependencyCount = static_cast<std::uint32_t>(dependencies.size());
  info.pDependencies = dependencies.data();

  VkRenderPass render_pass = VK_NULL_HANDLE;
  vk_check(vkCreateRenderPass(context.device(), &info, nullptr, &render_pass), "vkCreateRenderPass (" + label + ")");
  return render_pass;
}

VkRenderPass create_version_2(const Context& context, const RenderPassDescription& pass, const std::string& label) {
  VkRenderPassCreateInfo2 info{};
  info.sType = VK_STRUCTURE_TYPE_RENDER_PASS_CREATE_INFO_2;
  info.attachmentCount = static_cast<std::uint32_t>(pass.attachments.size());
  info.pAttachments = pass.attachments.data();
  info.subpassCount = 1;
  info.pSubpasses = &pass.subpass;
  info.dependencyCount = static_cast<std::uint32_t>(pass.dependencies.size());
  info.pDependencies = pass.dependencies.data();

  VkRenderPass render_pass = VK_NULL_HANDLE;
  vk_check(vkCreateRenderPass2(context.device(), &info, nullptr, &render_pass), "vkCreateRenderPass2 (" + label + ")");
  return render_pass;
}

}  // namespace

std::string resolve_mode_name(VkResolveModeFlagBits mode) {
  switch (mode) {
    case VK_RESOLVE_MODE_NONE:
      return "NONE";
    case VK_RESOLVE_MODE_SAMPLE_ZERO_BIT:
      return "SAMPLE_ZERO";
    case VK_RESOLVE_MODE_AVERAGE_BIT:
      return "AVERAGE";
    case VK_RESOLVE_MODE_MIN_BIT:
      return "MIN";
    case VK_RESOLVE_MODE_MAX_BIT:
      return "MAX";
    default:
      return "resolve mode " + std::to_string(static_cast<unsigned>(mode));
  }
}

VkResolveModeFlags supported_depth_resolve_modes(const Context& context) {
  if (context.properties().apiVersion < VK_API_VERSION_1_2) {
    return 0;
  }
  VkPhysicalDeviceDepthStencilResolveProperties resolve{};
  resolve.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_DEPTH_STENCIL_RESOLVE_PROPERTIES;
  VkPhysicalDeviceProperties2 properties{};
  properties.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2;
  properties.pNext = &resolve;
  vkGetPhysicalDeviceProperties2(context.physical_device(), &properties);
  return resolve.supportedDepthResolveModes;
}

UniqueRenderPass create_render_pass(const Context& context, const TargetFormat& format) {
  const bool resolves_depth = format.depth_resolve != VK_RESOLVE_MODE_NONE;
  const std::string label = format_name(format.colour) + ", " + std::to_string(static_cast<int>(format.samples)) +
                            " samples" + (resolves_depth ? ", depth resolved to " + format_name(format.depth) : "");
  const auto requested_resolve = static_cast<VkResolveModeFlags>(format.depth_resolve);
  if (resolves_depth && (supported_depth_resolve_modes(context) & requested_resolve) == 0U) {
    throw std::runtime_error("the Vulkan device cannot resolve depth with mode " +
                             resolve_mode_name(format.depth_resolve) + " (" + label + ")");
  }

  RenderPassDescription pass;
  describe(format, pass);
  const VkRenderPass render_pass =
      resolves_depth ? create_version_2(context, pass, label) : create_version_1(context, pass, label);
  UniqueRenderPass owned(context.device(), render_pass);
  context.set_name(render_pass, "scene render pass " + format_name(format.colour));
  return owned;
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
                         const std::string& name, VkImageView depth_resolve_view)
    : attachments_(std::move(attachments)) {
  if (!attachments_) {
    throw std::invalid_argument("frame target " + name + " needs multisampled attachments");
  }

  std::vector<VkImageView> views{attachments_->colour.view.get(), attachments_->depth.view.get(), resolve_view};
  if (depth_resolve_view != VK_NULL_HANDLE) {
    views.push_back(depth_resolve_view);
  }
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

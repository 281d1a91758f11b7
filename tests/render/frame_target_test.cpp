#include "render/frame_target.hpp"
#include "render/renderer.hpp"
#include "render/resources.hpp"
#include "render/view.hpp"
#include "support/render_fixture.hpp"

#include <catch2/catch.hpp>
#include <glm/glm.hpp>

#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <vector>

using namespace stillwater;
using stillwater::test::require_no_new_validation_messages;
using stillwater::test::shared_context;

namespace {

constexpr VkExtent2D kExtent{8, 6};

render::TargetFormat shared_format(const render::Context& context) {
  render::TargetFormat format;
  format.colour = VK_FORMAT_R8G8B8A8_SRGB;
  format.depth = render::choose_depth_format(context);
  format.samples = VK_SAMPLE_COUNT_4_BIT;
  format.final_layout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;
  return format;
}

render::GpuImage final_image(const render::Context& context, const char* name) {
  render::ImageSpec spec;
  spec.format = VK_FORMAT_R8G8B8A8_SRGB;
  spec.extent = kExtent;
  spec.usage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT;
  return render::create_image(context, spec, name);
}

void copy_to_buffer(VkCommandBuffer commands, const render::GpuImage& image, const render::HostBuffer& buffer) {
  VkBufferImageCopy region{};
  region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
  region.imageExtent = {kExtent.width, kExtent.height, 1};
  vkCmdCopyImageToBuffer(commands, image.image.get(), VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, buffer.buffer.get(), 1,
                         &region);
}

// True when every pixel of the buffer holds the RGBA bytes `expected`.
bool filled_with(const render::HostBuffer& buffer, const std::array<std::uint8_t, 4>& expected) {
  std::vector<std::uint8_t> pixels(static_cast<std::size_t>(buffer.size));
  std::memcpy(pixels.data(), buffer.mapped, pixels.size());
  for (std::size_t offset = 0; offset < pixels.size(); offset += 4) {
    if (std::memcmp(&pixels[offset], expected.data(), expected.size()) != 0) {
      return false;
    }
  }
  return true;
}

}  // namespace

TEST_CASE("frame targets share multisampled images", "[render][frame_target]") {
  auto& context = shared_context();
  const auto before = context.validation_report().total();
  const render::TargetFormat format = shared_format(context);
  const render::Renderer renderer(context, format);

  const auto attachments = std::make_shared<const render::MultisampleAttachments>(context, format, kExtent, "shared");
  const render::GpuImage first_image = final_image(context, "first final image");
  const render::GpuImage second_image = final_image(context, "second final image");
  const render::FrameTarget first(context, renderer.render_pass(), attachments, first_image.view.get(), "first");
  const render::FrameTarget second(context, renderer.render_pass(), attachments, second_image.view.get(), "second");
  CHECK(first.extent().width == kExtent.width);
  CHECK(second.extent().height == kExtent.height);

  const VkDeviceSize bytes = VkDeviceSize{kExtent.width} * kExtent.height * 4;
  const auto first_pixels = render::create_host_buffer(context, bytes, VK_BUFFER_USAGE_TRANSFER_DST_BIT, "first");
  const auto second_pixels = render::create_host_buffer(context, bytes, VK_BUFFER_USAGE_TRANSFER_DST_BIT, "second");

  // Two passes in a row through the same multisampled images, as two
  // swapchain images of one eye are drawn frame after frame; each final
  // image must keep its own colour.
  context.submit_and_wait(
      [&](VkCommandBuffer commands) {
        renderer.record_solid(commands, first, glm::vec4(1.0F, 0.0F, 0.0F, 1.0F));
        renderer.record_solid(commands, second, glm::vec4(0.0F, 0.0F, 1.0F, 1.0F));
        copy_to_buffer(commands, first_image, first_pixels);
        copy_to_buffer(commands, second_image, second_pixels);

        VkMemoryBarrier to_host{};
        to_host.sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER;
        to_host.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
        to_host.dstAccessMask = VK_ACCESS_HOST_READ_BIT;
        vkCmdPipelineBarrier(commands, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_HOST_BIT, 0, 1, &to_host, 0,
                             nullptr, 0, nullptr);
      },
      "shared attachments test");

  CHECK(filled_with(first_pixels, {255, 0, 0, 255}));
  CHECK(filled_with(second_pixels, {0, 0, 255, 255}));
  require_no_new_validation_messages(before);
}

TEST_CASE("frame target rejects missing attachments", "[render][frame_target]") {
  auto& context = shared_context();
  const render::Renderer renderer(context, shared_format(context));
  const render::GpuImage image = final_image(context, "unused final image");
  CHECK_THROWS_WITH(render::FrameTarget(context, renderer.render_pass(), nullptr, image.view.get(), "eye 0 image 0"),
                    "frame target eye 0 image 0 needs multisampled attachments");
}

TEST_CASE("depth resolve keeps sky and sea depth", "[render][frame_target][depth]") {
  auto& context = shared_context();
  const auto before = context.validation_report().total();
  REQUIRE((render::supported_depth_resolve_modes(context) & VK_RESOLVE_MODE_SAMPLE_ZERO_BIT) != 0U);

  // A headset-like target: the multisampled depth resolved into a
  // single-sample image that is then read back.
  constexpr VkExtent2D kDepthExtent{16, 24};
  render::TargetFormat format = shared_format(context);
  format.depth = VK_FORMAT_D32_SFLOAT;
  format.depth_resolve = VK_RESOLVE_MODE_SAMPLE_ZERO_BIT;
  const render::Renderer renderer(context, format);

  render::ImageSpec colour_spec;
  colour_spec.format = format.colour;
  colour_spec.extent = kDepthExtent;
  colour_spec.usage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT;
  const render::GpuImage colour = render::create_image(context, colour_spec, "depth test colour");
  render::ImageSpec depth_spec;
  depth_spec.format = format.depth;
  depth_spec.extent = kDepthExtent;
  depth_spec.usage = VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT;
  depth_spec.aspect = VK_IMAGE_ASPECT_DEPTH_BIT;
  const render::GpuImage depth = render::create_image(context, depth_spec, "depth test resolved depth");
  const auto attachments =
      std::make_shared<const render::MultisampleAttachments>(context, format, kDepthExtent, "depth test");
  const render::FrameTarget target(context, renderer.render_pass(), attachments, colour.view.get(), "depth test",
                                   depth.view.get());

  // Level and looking ahead, 90 degrees high, so the lower half shows the
  // sea 1.7 m below the eye (the default sky state) and the upper half sky.
  render::View view;
  view.fov = render::symmetric_fov(glm::radians(90.0F), 16.0F / 24.0F);
  const render::FrameState frame;
  const VkDeviceSize bytes = VkDeviceSize{kDepthExtent.width} * kDepthExtent.height * 4;
  const auto depth_values = render::create_host_buffer(context, bytes, VK_BUFFER_USAGE_TRANSFER_DST_BIT, "depth");

  context.submit_and_wait(
      [&](VkCommandBuffer commands) {
        renderer.record_view(commands, target, view, frame);

        VkImageMemoryBarrier to_transfer{};
        to_transfer.sType = VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER;
        to_transfer.srcAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
        to_transfer.dstAccessMask = VK_ACCESS_TRANSFER_READ_BIT;
        to_transfer.oldLayout = VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL;
        to_transfer.newLayout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;
        to_transfer.srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
        to_transfer.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
        to_transfer.image = depth.image.get();
        to_transfer.subresourceRange = {VK_IMAGE_ASPECT_DEPTH_BIT, 0, 1, 0, 1};
        vkCmdPipelineBarrier(commands, VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT,
                             0, 0, nullptr, 0, nullptr, 1, &to_transfer);

        VkBufferImageCopy region{};
        region.imageSubresource = {VK_IMAGE_ASPECT_DEPTH_BIT, 0, 0, 1};
        region.imageExtent = {kDepthExtent.width, kDepthExtent.height, 1};
        vkCmdCopyImageToBuffer(commands, depth.image.get(), VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                               depth_values.buffer.get(), 1, &region);

        VkMemoryBarrier to_host{};
        to_host.sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER;
        to_host.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
        to_host.dstAccessMask = VK_ACCESS_HOST_READ_BIT;
        vkCmdPipelineBarrier(commands, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_HOST_BIT, 0, 1, &to_host, 0,
                             nullptr, 0, nullptr);
      },
      "depth resolve test");

  std::vector<float> values(static_cast<std::size_t>(kDepthExtent.width) * kDepthExtent.height);
  std::memcpy(values.data(), depth_values.mapped, values.size() * sizeof(float));
  const std::uint32_t column = kDepthExtent.width / 2;
  for (std::uint32_t row = 0; row < kDepthExtent.height; ++row) {
    INFO("row " << row);
    const float value = values[row * kDepthExtent.width + column];
    // The pixel centre's height in normalised device coordinates, positive
    // downwards, is the ray's slope because tan(45 degrees) is 1.
    const float slope = (static_cast<float>(row) + 0.5F) / static_cast<float>(kDepthExtent.height) * 2.0F - 1.0F;
    if (slope <= 0.0F) {
      CHECK(value == 1.0F);
      continue;
    }
    // The ray meets the sea at a forward distance of eye height over slope.
    // The projection maps forward distance d to far (d - near) / (d (far - near)).
    const float forward_m = 1.7F / slope;
    const float expected = render::kFarPlaneM * (forward_m - render::kNearPlaneM) /
                           (forward_m * (render::kFarPlaneM - render::kNearPlaneM));
    INFO("forward distance " << forward_m << " m");
    CHECK(value == Approx(expected).epsilon(1e-5));
    CHECK(value < 1.0F);
  }
  require_no_new_validation_messages(before);
}

TEST_CASE("render pass rejects unsupported depth resolve", "[render][frame_target][depth]") {
  auto& context = shared_context();
  const VkResolveModeFlags supported = render::supported_depth_resolve_modes(context);
  render::TargetFormat format = shared_format(context);
  format.depth = VK_FORMAT_D32_SFLOAT;
  for (const VkResolveModeFlagBits mode : {VK_RESOLVE_MODE_MIN_BIT, VK_RESOLVE_MODE_MAX_BIT}) {
    if ((supported & static_cast<VkResolveModeFlags>(mode)) != 0U) {
      continue;
    }
    format.depth_resolve = mode;
    CHECK_THROWS_WITH(render::create_render_pass(context, format),
                      "the Vulkan device cannot resolve depth with mode " + render::resolve_mode_name(mode) +
                          " (R8G8B8A8_SRGB, 4 samples, depth resolved to D32_SFLOAT)");
  }
}

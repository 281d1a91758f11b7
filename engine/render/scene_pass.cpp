#include "render/scene_pass.hpp"

#include "core/png_file.hpp"
#include "render/descriptors.hpp"
#include "render/texture.hpp"
#include "render/vk_check.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <cstring>

namespace stillwater::render {

namespace {

constexpr std::uint32_t kSceneFragment[] = {
#include "scene.frag.spv.inc"
};

// Mirrors the push-constant block in scene.frag.
struct SceneConstants {
  glm::mat4 clip_to_direction;
  // x: animation time (s), y: motion scale, z: eye height (m), w: angle one
  // pixel spans at the middle of the view (radians).
  glm::vec4 frame;
};
static_assert(sizeof(SceneConstants) == 80, "must match the push-constant block in scene.frag");

// Set 0 of scene.frag: the scene's uniforms, then the photo.
constexpr std::array<VkDescriptorType, 2> kSceneBindings{VK_DESCRIPTOR_TYPE_STORAGE_BUFFER,
                                                         VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER};
constexpr std::array<VkDescriptorPoolSize, 2> kScenePoolSizes{
    VkDescriptorPoolSize{VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1},
    VkDescriptorPoolSize{VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1}};

// A one-pixel grey stand-in, so the photo binding is valid in scenes
// without a photo.
core::Rgba8Image placeholder_photo() {
  core::Rgba8Image image;
  image.width = 1;
  image.height = 1;
  image.pixels = {128, 128, 128, 255};
  return image;
}

}  // namespace

ScenePass::ScenePass(const Context& context, VkRenderPass render_pass, const TargetFormat& format)
    : context_(context),
      set_layout_(create_descriptor_set_layout(context, kSceneBindings, VK_SHADER_STAGE_FRAGMENT_BIT, "scene")),
      pool_(create_descriptor_pool(context, kScenePoolSizes, 1, "scene")),
      uniforms_(create_host_buffer(context, sizeof(SceneUniforms), VK_BUFFER_USAGE_STORAGE_BUFFER_BIT,
                                   "scene uniforms")),
      sampler_(create_panorama_sampler(context, "photo sampler")),
      photo_(upload_texture(context, placeholder_photo(), "placeholder photo")),
      render_pass_(render_pass),
      format_(format),
      vegetation_(context, render_pass, format, uniforms_.buffer.get()),
      models_(context, render_pass, format) {
  VkDescriptorSetAllocateInfo allocate{};
  allocate.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO;
  allocate.descriptorPool = pool_.get();
  allocate.descriptorSetCount = 1;
  const VkDescriptorSetLayout layout = set_layout_.get();
  allocate.pSetLayouts = &layout;
  vk_check(vkAllocateDescriptorSets(context.device(), &allocate, &set_), "vkAllocateDescriptorSets (scene)");

  const SceneUniforms empty{};
  std::memcpy(uniforms_.mapped, &empty, sizeof(empty));
  VkDescriptorBufferInfo buffer{uniforms_.buffer.get(), 0, sizeof(SceneUniforms)};
  VkWriteDescriptorSet write{};
  write.sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET;
  write.dstSet = set_;
  write.dstBinding = 0;
  write.descriptorCount = 1;
  write.descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
  write.pBufferInfo = &buffer;
  vkUpdateDescriptorSets(context.device(), 1, &write, 0, nullptr);
  bind_photo(photo_);
}

void ScenePass::bind_photo(const GpuImage& photo) {
  VkDescriptorImageInfo image{sampler_.get(), photo.view.get(), VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL};
  VkWriteDescriptorSet write{};
  write.sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET;
  write.dstSet = set_;
  write.dstBinding = 1;
  write.descriptorCount = 1;
  write.descriptorType = VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER;
  write.pImageInfo = &image;
  vkUpdateDescriptorSets(context_.device(), 1, &write, 0, nullptr);
}

void ScenePass::prepare(const scene::Scene& scene) {
  if (!pipeline_) {
    pipeline_.emplace(context_, render_pass_, format_,
                      FullscreenPipelineSpec{kSceneFragment, sizeof(SceneConstants), Blending::opaque, true,
                                             set_layout_.get(), true},
                      "scene");
  }
  vegetation_.prepare(scene);
}

void ScenePass::set_scene(const scene::Scene& scene) {
  prepare(scene);
  vk_check(vkDeviceWaitIdle(context_.device()), "vkDeviceWaitIdle (before changing scene)");

  // Load the new photo before touching anything, so a failure leaves the
  // old scene intact.
  GpuImage photo = scene.photo ? upload_texture(context_, core::read_image(scene.photo->file), "photo")
                               : upload_texture(context_, placeholder_photo(), "placeholder photo");
  models_.set_scene(scene);
  SceneUniforms uniforms = make_scene_uniforms(scene);
  const std::vector<ModelPass::Footprint>& footprints = models_.footprints();
  const std::size_t shadows = std::min(footprints.size(), kMaxContactShadows);
  for (std::size_t i = 0; i < shadows; ++i) {
    uniforms.contact_shadows[i] = footprints[i].box;
    uniforms.contact_turns[static_cast<glm::length_t>(i)] = footprints[i].turn_rad;
  }
  if (footprints.size() > kMaxContactShadows) {
    spdlog::warn("Scene {}: {} placed models stand on the ground; only the first {} darken the ground beneath them",
                 scene.name, footprints.size(), kMaxContactShadows);
  }
  std::memcpy(uniforms_.mapped, &uniforms, sizeof(uniforms));
  // Placement reads the new uniforms.
  vegetation_.set_scene(scene);
  bind_photo(photo);
  photo_ = std::move(photo);
  viewpoint_ = scene.viewpoint;
  has_scene_ = true;
  spdlog::info("Scene {} is ready to draw", scene.name);
}

void ScenePass::record(VkCommandBuffer commands, VkExtent2D extent, const View& view, const SceneFrame& frame) const {
  // The pass works in directions from the eye above the viewer's spot.
  // Head movement of a metre or so barely shifts distant scenery, so only
  // the rotation and the height are used.
  // NOTE: the depth this pass writes therefore ignores sideways head
  // movement, while placed models follow it. A model closer to land or water
  // than the head has moved sideways may show or hide a little early.
  View rotation_only = view;
  rotation_only.position = glm::vec3(0.0F);
  const glm::mat4 clip_from_world =
      projection_matrix(view.fov, kNearPlaneM, kFarPlaneM) * view_matrix(rotation_only);

  const float motion = core::motion_scale(frame.motion);
  SceneConstants constants{};
  constants.clip_to_direction = glm::inverse(clip_from_world);
  const float eye_height = eye_height_m(viewpoint_, frame.recline_deg);
  const float pixel_angle = (view.fov.angle_up - view.fov.angle_down) / static_cast<float>(std::max(extent.height, 1U));
  constants.frame = glm::vec4(frame.time_s * motion, motion, eye_height + view.position.y, pixel_angle);
  pipeline_->draw(commands, extent, &constants, set_);
  vegetation_.record(commands, extent, view, eye_height, frame.time_s * motion, motion);
  models_.record(commands, extent, view, eye_height);
}

}  // namespace stillwater::render

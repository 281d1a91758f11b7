#include "render/plant_meshes.hpp"

#include <glm/gtc/constants.hpp>

#include <array>
#include <cmath>

namespace stillwater::render {

namespace {

constexpr float kTau = glm::two_pi<float>();
constexpr glm::vec3 kUp{0.0F, 1.0F, 0.0F};

// Small fixed variations, so every tuft and tree of a kind has the same
// shape and the meshes need no random numbers.
constexpr std::array<float, 8> kJitter{0.13F, -0.21F, 0.34F, -0.08F, 0.27F, -0.31F, 0.05F, -0.17F};

std::uint32_t next_index(const PlantMesh& mesh) { return static_cast<std::uint32_t>(mesh.vertices.size()); }

void add_triangle(PlantMesh& mesh, std::uint32_t a, std::uint32_t b, std::uint32_t c) {
  mesh.indices.insert(mesh.indices.end(), {a, b, c});
}

// One blade: a strip that narrows to a point and curves away from the
// tuft's middle as it rises.
void add_blade(PlantMesh& mesh, float azimuth, float height_m, float lean, float shade) {
  constexpr int kLevels = 3;
  constexpr float kRootWidthM = 0.03F;
  const glm::vec3 outward{std::sin(azimuth), 0.0F, -std::cos(azimuth)};
  const glm::vec3 across = glm::cross(kUp, outward);
  const std::uint32_t first = next_index(mesh);

  for (int level = 0; level <= kLevels; ++level) {
    const float t = static_cast<float>(level) / kLevels;
    const glm::vec3 centre = kUp * (height_m * t - 0.03F) + outward * (lean * height_m * t * t);
    const glm::vec3 along = glm::normalize(kUp * height_m + outward * (2.0F * lean * height_m * t));
    // Bent well towards the sky, as the lawn's own normal is: a thin blade
    // lit like a flat strip stands out dark against the ground around it.
    const glm::vec3 normal = glm::normalize(glm::cross(along, across) * 0.5F + kUp);
    const glm::vec4 shape{t, 0.3F + 0.7F * t, shade, 0.75F + 0.25F * t};
    if (level == kLevels) {
      mesh.vertices.push_back(PlantVertex{centre, normal, shape});
      break;
    }
    const float half_width = 0.5F * kRootWidthM * (1.0F - 0.7F * t);
    mesh.vertices.push_back(PlantVertex{centre - across * half_width, normal, shape});
    mesh.vertices.push_back(PlantVertex{centre + across * half_width, normal, shape});
  }

  for (std::uint32_t level = 0; level + 1 < kLevels; ++level) {
    const std::uint32_t left = first + 2 * level;
    add_triangle(mesh, left, left + 1, left + 2);
    add_triangle(mesh, left + 1, left + 3, left + 2);
  }
  const std::uint32_t last_left = first + 2 * (kLevels - 1);
  add_triangle(mesh, last_left, last_left + 1, last_left + 2);
}

// A ring of `sides` vertices about the y axis at `height_m`, with normals
// tilted `slope` of the way up.
void add_ring(PlantMesh& mesh, int sides, float radius_m, float height_m, float slope, const glm::vec4& shape) {
  for (int side = 0; side < sides; ++side) {
    const float angle = kTau * static_cast<float>(side) / static_cast<float>(sides);
    const glm::vec3 radial{std::cos(angle), 0.0F, std::sin(angle)};
    mesh.vertices.push_back(
        PlantVertex{radial * radius_m + kUp * height_m, glm::normalize(radial * (1.0F - slope) + kUp * slope), shape});
  }
}

// Quads between two rings of `sides` vertices each, starting at `lower`.
// Closed shapes wind counter-clockwise seen from outside, as glTF does, so
// the fragment shader's test for a face's back side holds for them.
void join_rings(PlantMesh& mesh, std::uint32_t lower, std::uint32_t upper, int sides) {
  const auto count = static_cast<std::uint32_t>(sides);
  for (std::uint32_t side = 0; side < count; ++side) {
    const std::uint32_t next = (side + 1) % count;
    add_triangle(mesh, lower + side, upper + side, lower + next);
    add_triangle(mesh, lower + next, upper + side, upper + next);
  }
}

// A tapering trunk or stem from `bottom_m` to `top_m`, in the second colour.
void add_trunk(PlantMesh& mesh, int sides, float bottom_m, float top_m, float radius_bottom_m, float radius_top_m,
               float full_height_m) {
  const std::uint32_t lower = next_index(mesh);
  add_ring(mesh, sides, radius_bottom_m, bottom_m, 0.0F, glm::vec4(0.0F, 0.0F, 1.0F, 0.5F));
  const std::uint32_t upper = next_index(mesh);
  add_ring(mesh, sides, radius_top_m, top_m, 0.0F, glm::vec4(top_m / full_height_m, 0.0F, 1.0F, 0.7F));
  join_rings(mesh, lower, upper, sides);
}

// A lump of leaves: a squashed sphere whose normals lean towards pointing
// away from the whole crown's middle, so the crown reads as one soft shape.
void add_leaf_lump(PlantMesh& mesh, const glm::vec3& centre, float radius_m, float shade, const glm::vec3& crown_middle,
                   float full_height_m) {
  constexpr int kSides = 10;
  constexpr int kRings = 6;
  const auto vertex = [&](const glm::vec3& unit) {
    const glm::vec3 position = centre + glm::vec3(unit.x, unit.y * 0.85F, unit.z) * radius_m;
    const glm::vec3 from_middle = glm::normalize(position - crown_middle + glm::vec3(0.0F, 0.01F, 0.0F));
    // Never more than the lump's own normal, so a face still points out of
    // its lump on the side that faces the crown's middle.
    const glm::vec3 normal = glm::normalize(unit + 0.6F * from_middle);
    // The inside and underside of a crown see little sky.
    const float sky = glm::clamp(0.35F + 0.45F * (from_middle.y * 0.5F + 0.5F) + 0.2F * glm::dot(unit, from_middle),
                                 0.2F, 1.0F);
    return PlantVertex{position, normal, glm::vec4(position.y / full_height_m, 1.0F, shade, sky)};
  };

  const std::uint32_t bottom = next_index(mesh);
  mesh.vertices.push_back(vertex(-kUp));
  for (int ring = 1; ring < kRings; ++ring) {
    const float polar = glm::pi<float>() * (1.0F - static_cast<float>(ring) / kRings);
    for (int side = 0; side < kSides; ++side) {
      const float angle = kTau * static_cast<float>(side) / kSides;
      mesh.vertices.push_back(vertex(glm::vec3(std::sin(polar) * std::cos(angle), std::cos(polar),
                                               std::sin(polar) * std::sin(angle))));
    }
  }
  const std::uint32_t top = next_index(mesh);
  mesh.vertices.push_back(vertex(kUp));

  const std::uint32_t first_ring = bottom + 1;
  for (std::uint32_t side = 0; side < kSides; ++side) {
    add_triangle(mesh, bottom, first_ring + side, first_ring + (side + 1) % kSides);
  }
  for (std::uint32_t ring = 0; ring + 2 < kRings; ++ring) {
    join_rings(mesh, first_ring + ring * kSides, first_ring + (ring + 1) * kSides, kSides);
  }
  const std::uint32_t last_ring = first_ring + (kRings - 2) * kSides;
  for (std::uint32_t side = 0; side < kSides; ++side) {
    add_triangle(mesh, last_ring + side, top, last_ring + (side + 1) % kSides);
  }
}

// A cone of branches from a ring at `bottom_m` up to a point at `top_m`,
// closed underneath by a shallow cone so it is not hollow from below.
void add_branch_tier(PlantMesh& mesh, float bottom_m, float top_m, float radius_m, float shade, float full_height_m) {
  constexpr int kSides = 9;
  const float slope = radius_m / (top_m - bottom_m);
  const float sky = glm::clamp(0.45F + 0.55F * (bottom_m / full_height_m), 0.0F, 1.0F);
  const glm::vec4 rim_shape{bottom_m / full_height_m, 1.0F, shade, sky};
  const std::uint32_t rim = next_index(mesh);
  add_ring(mesh, kSides, radius_m, bottom_m, slope / (1.0F + slope), rim_shape);
  const std::uint32_t apex = next_index(mesh);
  mesh.vertices.push_back(PlantVertex{kUp * top_m, kUp, glm::vec4(top_m / full_height_m, 1.0F, shade, 1.0F)});

  // The underside has its own rim, facing down, so the edge stays sharp.
  const glm::vec4 under_shape{rim_shape.x, 1.0F, shade * 0.7F, sky * 0.5F};
  const std::uint32_t under_rim = next_index(mesh);
  add_ring(mesh, kSides, radius_m, bottom_m, 0.0F, under_shape);
  for (std::uint32_t side = 0; side < kSides; ++side) {
    mesh.vertices[under_rim + side].normal = -kUp;
  }
  const std::uint32_t underside = next_index(mesh);
  mesh.vertices.push_back(PlantVertex{kUp * (bottom_m + 0.6F), -kUp, under_shape});

  for (std::uint32_t side = 0; side < kSides; ++side) {
    const std::uint32_t next = (side + 1) % kSides;
    add_triangle(mesh, rim + side, apex, rim + next);
    add_triangle(mesh, under_rim + next, underside, under_rim + side);
  }
}

}  // namespace

PlantMesh grass_tuft_mesh() {
  PlantMesh mesh;
  constexpr int kBlades = 6;
  for (int blade = 0; blade < kBlades; ++blade) {
    const float jitter = kJitter[static_cast<std::size_t>(blade)];
    const float azimuth = kTau * (static_cast<float>(blade) + jitter) / kBlades;
    add_blade(mesh, azimuth, 0.22F + 0.18F * jitter, 0.4F + 0.4F * kJitter[static_cast<std::size_t>(blade) + 1],
              1.0F + 0.4F * jitter);
  }
  return mesh;
}

PlantMesh flower_mesh() {
  PlantMesh mesh;
  constexpr float kHeightM = 0.3F;
  constexpr float kHeadRadiusM = 0.06F;
  add_trunk(mesh, 3, -0.03F, kHeightM, 0.005F, 0.004F, kHeightM);

  // The head: petals around a darker middle, cupped a little and turned
  // 45 degrees from the sky towards -z, so it shows from the side as well.
  constexpr int kRim = 10;
  const glm::vec3 head_up = glm::normalize(glm::vec3(0.0F, 1.0F, -1.0F));
  const glm::vec3 head_across{1.0F, 0.0F, 0.0F};
  const glm::vec3 head_along = glm::cross(head_up, head_across);
  const glm::vec3 head_centre = kUp * kHeightM;
  const std::uint32_t middle = next_index(mesh);
  mesh.vertices.push_back(PlantVertex{head_centre, head_up, glm::vec4(1.0F, 1.0F, 0.6F, 1.0F)});
  const std::uint32_t rim = next_index(mesh);
  for (int i = 0; i < kRim; ++i) {
    // Alternate long and short radii make the petals' outline.
    const float radius = (i % 2 == 0) ? kHeadRadiusM : kHeadRadiusM * 0.55F;
    const float angle = kTau * static_cast<float>(i) / kRim;
    const glm::vec3 radial = head_across * std::cos(angle) + head_along * std::sin(angle);
    mesh.vertices.push_back(PlantVertex{head_centre + radial * radius + head_up * 0.012F,
                                        glm::normalize(head_up - radial * 0.3F), glm::vec4(1.0F, 1.0F, 1.05F, 1.0F)});
  }
  for (std::uint32_t i = 0; i < kRim; ++i) {
    add_triangle(mesh, middle, rim + (i + 1) % kRim, rim + i);
  }
  return mesh;
}

PlantMesh broadleaf_tree_mesh() {
  PlantMesh mesh;
  constexpr float kHeightM = 12.0F;
  add_trunk(mesh, 7, -0.3F, 5.5F, 0.34F, 0.18F, kHeightM);

  const glm::vec3 middle{0.0F, 6.6F, 0.0F};
  add_leaf_lump(mesh, middle, 3.8F, 1.0F, middle, kHeightM);
  constexpr int kSideLumps = 5;
  for (int lump = 0; lump < kSideLumps; ++lump) {
    const float jitter = kJitter[static_cast<std::size_t>(lump)];
    const float angle = kTau * (static_cast<float>(lump) + jitter) / kSideLumps;
    const glm::vec3 centre = middle + glm::vec3(std::cos(angle) * 2.4F, -0.9F + 3.0F * jitter, std::sin(angle) * 2.4F);
    add_leaf_lump(mesh, centre, 2.7F + jitter, 0.9F + 0.6F * jitter, middle, kHeightM);
  }
  add_leaf_lump(mesh, middle + glm::vec3(0.3F, 2.9F, -0.2F), 2.4F, 1.1F, middle, kHeightM);
  return mesh;
}

PlantMesh conifer_tree_mesh() {
  PlantMesh mesh;
  constexpr float kHeightM = 15.0F;
  add_trunk(mesh, 6, -0.3F, 5.0F, 0.26F, 0.12F, kHeightM);

  constexpr int kTiers = 5;
  for (int tier = 0; tier < kTiers; ++tier) {
    const float share = static_cast<float>(tier) / kTiers;
    const float bottom = 1.4F + share * 9.0F;
    const float top = tier == kTiers - 1 ? kHeightM : bottom + 4.6F;
    add_branch_tier(mesh, bottom, top, 2.75F * (1.0F - 0.8F * share), 0.95F + 0.5F * kJitter[static_cast<std::size_t>(tier)],
                    kHeightM);
  }
  return mesh;
}

}  // namespace stillwater::render

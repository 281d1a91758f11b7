#include "render/plant_meshes.hpp"

#include <catch2/catch.hpp>
#include <glm/glm.hpp>

#include <algorithm>
#include <string>

using namespace stillwater;

namespace {

struct NamedMesh {
  std::string name;
  render::PlantMesh mesh;
};

float top_of(const render::PlantMesh& mesh) {
  float top = 0.0F;
  for (const render::PlantVertex& vertex : mesh.vertices) {
    top = std::max(top, vertex.position.y);
  }
  return top;
}

}  // namespace

TEST_CASE("plant meshes are well formed", "[render][vegetation]") {
  for (const NamedMesh& named : {NamedMesh{"grass", render::grass_tuft_mesh()},
                                 NamedMesh{"flower", render::flower_mesh()},
                                 NamedMesh{"broadleaf", render::broadleaf_tree_mesh()},
                                 NamedMesh{"conifer", render::conifer_tree_mesh()}}) {
    INFO("mesh " << named.name);
    const render::PlantMesh& mesh = named.mesh;
    REQUIRE(!mesh.indices.empty());
    CHECK(mesh.indices.size() % 3 == 0);
    CHECK(*std::max_element(mesh.indices.begin(), mesh.indices.end()) < mesh.vertices.size());
    for (const render::PlantVertex& vertex : mesh.vertices) {
      CHECK(glm::length(vertex.normal) == Approx(1.0F).margin(1e-4));
      CHECK(vertex.shape.x >= 0.0F);
      CHECK(vertex.shape.x <= 1.0F);
      CHECK(vertex.shape.y >= 0.0F);
      CHECK(vertex.shape.y <= 1.0F);
      CHECK(vertex.shape.w > 0.0F);
      CHECK(vertex.shape.w <= 1.0F);
      // Vertices at or below the ground are held, so the breeze does not move them.
      if (vertex.position.y <= 0.0F) {
        CHECK(vertex.shape.x == 0.0F);
      }
    }
  }
}

TEST_CASE("plant meshes have their documented sizes", "[render][vegetation]") {
  CHECK(top_of(render::grass_tuft_mesh()) >= 0.15F);
  CHECK(top_of(render::grass_tuft_mesh()) <= 0.3F);
  CHECK(top_of(render::flower_mesh()) == Approx(0.3F).margin(0.05F));
  CHECK(top_of(render::broadleaf_tree_mesh()) == Approx(11.5F).margin(0.5F));
  CHECK(top_of(render::conifer_tree_mesh()) == Approx(15.0F).margin(0.01F));
}

TEST_CASE("tree faces wind outwards", "[render][vegetation]") {
  // The fragment shader turns the normal of a face seen from behind, so a
  // closed shape wound the wrong way would be lit from inside.
  for (const NamedMesh& named :
       {NamedMesh{"broadleaf", render::broadleaf_tree_mesh()}, NamedMesh{"conifer", render::conifer_tree_mesh()}}) {
    INFO("mesh " << named.name);
    const render::PlantMesh& mesh = named.mesh;
    int inward = 0;
    for (std::size_t i = 0; i < mesh.indices.size(); i += 3) {
      const render::PlantVertex& a = mesh.vertices[mesh.indices[i]];
      const render::PlantVertex& b = mesh.vertices[mesh.indices[i + 1]];
      const render::PlantVertex& c = mesh.vertices[mesh.indices[i + 2]];
      const glm::vec3 face = glm::cross(b.position - a.position, c.position - a.position);
      if (glm::dot(face, a.normal + b.normal + c.normal) <= 0.0F) {
        ++inward;
      }
    }
    CHECK(inward == 0);
  }
}

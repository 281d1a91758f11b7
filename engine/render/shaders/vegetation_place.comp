#version 450

// Places the plants close to the viewer, once per scene: one invocation per
// candidate spot on a grid, which decides from the scene's own land and
// plant rules whether a plant grows there, stands it on the ground and
// works out its colour and the sunlight it gets. Kept plants are packed
// into their kind's region of the plant array with an atomic counter. The
// first invocation of the grass dispatch also stores the scene's light.

layout(local_size_x = 64) in;

layout(push_constant) uniform Placement {
    uint kind;      // KIND_GRASS, KIND_FLOWERS or KIND_TREES
    uint grid;      // candidates along each side of the square grid
    uint first;     // first slot of this kind's region of the plant array
    float spacing;  // metres between candidates; for trees, the tree cell size
} pc;

#include "scene_data.glsl"
#define VEGETATION_ACCESS
#include "vegetation_data.glsl"

// Placement sees the scene at rest, from a sitting patient's eyes.
float anim_time() { return 0.0; }
float motion_scale() { return 0.0; }
float eye_height() { return S.viewpoint.x; }

#include "noise.glsl"
#include "atmosphere.glsl"
#include "land.glsl"

void store_light() {
    V.sunlight = vec4(sunlight(), 0.0);
    V.sky_light = vec4(sky_dome_light(), 0.0);
    for (int i = 0; i < 8; ++i) {
        float angle = float(i) * PI / 4.0;
        V.fog_colours[i] = vec4(fog_colour_towards(vec3(sin(angle), 0.0, -cos(angle))), 0.0);
    }
}

// Whether grass or flowers may grow on the ground at `xz`, `height` metres up:
// dry land clear of the water's sandy edge.
bool meadow(vec2 xz, float height) {
    if (water_zone(xz) > 0.3) {
        return false;
    }
    return !has_water() || height - water_level() > 0.4;
}

void store(PlantInstance plant) {
    uint slot = atomicAdd(V.counts[pc.kind], 1u);
    V.plants[pc.first + slot] = plant;
}

void place_small_plant(vec2 cell) {
    vec2 xz = (cell + 0.5 + (hash22(cell + 701.0) - 0.5) * 0.9) * pc.spacing;
    float r = length(xz);
    float radius = pc.kind == KIND_GRASS ? GRASS_RADIUS_M : FLOWER_RADIUS_M;
    // Nothing grows right under the patient's seat.
    if (r > radius || r < 0.9) {
        return;
    }
    float chance = hash21(cell + 709.0);
    vec3 colour;
    vec3 second = grass_albedo(xz, r);
    if (pc.kind == KIND_GRASS) {
        if (chance > S.trees.w) {
            return;
        }
        colour = second;
        second *= 0.7;
    } else {
        if (chance > flower_drift(xz) * 0.9 || S.plants.z < 1.0) {
            return;
        }
        colour = flower_colour(xz);
        second *= 0.8;
    }
    float height = land_height(xz, 6);
    if (!meadow(xz, height)) {
        return;
    }

    PlantInstance plant;
    float fade = smoothstep(radius, radius - PLANT_FADE_M, r);
    plant.base = vec4(xz.x, height, xz.y, (0.8 + 0.4 * hash21(cell + 719.0)) * fade);
    // Under a placed model a plant is as dark as the ground around it.
    float contact = contact_light(xz);
    plant.colour = vec4(colour * contact, sun_shadow(vec3(xz.x, height + 0.15, xz.y), 0.0));
    plant.second = vec4(second * contact, 0.0);
    plant.shape = vec4(hash21(cell + 727.0) * 2.0 * PI, hash21(cell + 733.0) * 2.0 * PI, 0.0, 0.0);
    store(plant);
}

void place_tree(vec2 cell) {
    TreeCell tree = tree_in_cell(cell);
    vec2 xz = tree.centre * tree_cell_size();
    if (!tree.present || length(xz) >= NEAR_TREE_RADIUS_M || !has_land()) {
        return;
    }
    float height = land_height(xz, 6);
    // Hills and the far trees shade a near tree; near trees do not shade
    // one another.
    float crown_middle = tree_cell_size() * tree.size * (conifers() ? 1.2 : 0.9);
    vec3 middle = vec3(xz.x, height + crown_middle, xz.y);

    PlantInstance plant;
    plant.base = vec4(xz.x, height, xz.y, tree.size);
    plant.colour = vec4(leaf_albedo(middle, cell, 0.9), sun_shadow(middle, NEAR_TREE_RADIUS_M));
    plant.second = vec4(vec3(0.070, 0.055, 0.040) * (0.8 + 0.4 * hash21(cell + 41.0)), 0.0);
    plant.shape = vec4(hash21(cell + 43.0) * 2.0 * PI, xz.x * 0.05, 0.0, 0.0);
    store(plant);
}

void main() {
    uint index = gl_GlobalInvocationID.x;
    if (index == 0u && pc.kind == KIND_GRASS) {
        store_light();
    }
    if (index >= pc.grid * pc.grid) {
        return;
    }
    // Grid cells around the viewer, from -grid/2 to grid/2 - 1 on each side.
    vec2 cell = vec2(ivec2(index % pc.grid, index / pc.grid) - ivec2(pc.grid / 2u));
    if (pc.kind == KIND_TREES) {
        place_tree(cell);
    } else {
        place_small_plant(cell);
    }
}

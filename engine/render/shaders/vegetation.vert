#version 450

// Plants close to the viewer: one small mesh per kind, drawn once per plant
// placed by vegetation_place.comp. The mesh is turned and scaled for each
// plant, stood where it meets the ground and bent by the breeze. The bend
// grows with the square of the vertex's sway weight (0 at the root, 1 at
// the tip), and both its size and its speed follow the motion level, so at
// still every plant stands motionless.

layout(push_constant) uniform VegetationConstants {
    mat4 clip_from_world;
    vec4 eye;    // xyz: the eye in world space (m)
    vec4 frame;  // x: animation time (s), already scaled by motion; y: motion scale
} pc;

#include "scene_data.glsl"

layout(location = 0) in vec3 in_position;  // metres, root at the origin, +y up
layout(location = 1) in vec3 in_normal;
layout(location = 2) in vec4 in_shape;     // sway weight, share of main colour, shade, sky seen
layout(location = 3) in vec4 plant_base;   // ground point (m); w: scale
layout(location = 4) in vec4 plant_colour; // rgb: main colour; a: sunlight reaching the plant
layout(location = 5) in vec4 plant_second; // rgb: second colour
layout(location = 6) in vec4 plant_shape;  // x: turn (rad); y: sway phase (rad)

layout(location = 0) out vec3 out_world;
layout(location = 1) out vec3 out_normal;
layout(location = 2) out vec3 out_albedo;
layout(location = 3) out vec2 out_light;   // sunlight reaching the plant, sky seen

// The breeze blows from the left and a little from behind, as on the far
// trees of the scene pass.
const vec2 WIND = vec2(0.958, 0.287);

void main() {
    float c = cos(plant_shape.x);
    float s = sin(plant_shape.x);
    mat2 turn = mat2(c, s, -s, c);
    vec3 local = in_position * plant_base.w;
    vec3 world = vec3(turn * local.xz, local.y).xzy + plant_base.xyz;

    // Gusts travel across the land as a slow wave; each plant adds its own
    // small flutter. Amplitudes in metres at the tip, per metre of height.
    float time = pc.frame.x;
    float wind = S.plants.y * pc.frame.y;
    float gust = 0.6 + 0.4 * sin(time * 0.9 + dot(plant_base.xz, WIND) * 0.05);
    float flutter = sin(time * 2.3 + plant_shape.y) * 0.25;
    float height = max(local.y, 0.0);
    float bend = wind * 0.35 * (gust + flutter) * in_shape.x * in_shape.x * min(height, 1.5);
    world.xz += WIND * bend;
    // Bending keeps the stem's length: the tip sinks a little as it leans.
    world.y -= 0.5 * bend * bend / max(height, 0.05);

    gl_Position = pc.clip_from_world * vec4(world, 1.0);
    out_world = world;
    vec3 normal = vec3(turn * in_normal.xz, in_normal.y).xzy;
    out_normal = normal;
    out_albedo = mix(plant_second.rgb, plant_colour.rgb, in_shape.y) * in_shape.z;
    out_light = vec2(plant_colour.a, in_shape.w);
}

#version 450

// Lights a plant as the scene pass lights the land (sun with soft
// translucency, sky dome, fog), with the light the placement stored, and
// tone maps it the same way. Output is linear; the sRGB target encodes it.

layout(push_constant) uniform VegetationConstants {
    mat4 clip_from_world;
    vec4 eye;
    vec4 frame;
} pc;

#include "scene_data.glsl"
#define VEGETATION_ACCESS readonly
#include "vegetation_data.glsl"

float eye_height() { return pc.eye.y; }

#include "atmosphere.glsl"

layout(location = 0) in vec3 in_world;
layout(location = 1) in vec3 in_normal;
layout(location = 2) in vec3 in_albedo;
layout(location = 3) in vec2 in_light;
layout(location = 0) out vec4 out_colour;

vec3 fog_colour(vec3 direction) {
    float turns = atan(direction.x, -direction.z) / (2.0 * PI);
    float at = fract(turns + 1.0) * 8.0;
    int below = int(floor(at)) % 8;
    return mix(V.fog_colours[below].rgb, V.fog_colours[(below + 1) % 8].rgb, fract(at));
}

void main() {
    // The back of a blade or petal faces the other way across, but its
    // normal still leans towards the sky: only the sideways part turns.
    vec3 normal = normalize(in_normal);
    if (!gl_FrontFacing) {
        normal.xz = -normal.xz;
    }
    float facing = dot(normal, S.sun.xyz);
    float diffuse = max(facing, 0.0);
    // Leaves, blades and petals let some light through.
    float through = 0.25 * max(facing + 0.5, 0.0);
    vec3 ambient = V.sky_light.rgb * (0.55 + 0.45 * normal.y) * in_light.y;
    vec3 colour = in_albedo * 0.6 * (V.sunlight.rgb * (diffuse + through) * in_light.x + ambient);

    vec3 to_plant = in_world - pc.eye.xyz;
    float distance = length(to_plant);
    colour = apply_fog(colour, distance, fog_colour(to_plant / max(distance, 1e-4)));
    out_colour = vec4(tone_map(colour), 1.0);
}

#version 450

// Placed models: vertices are already in world space (node transforms and
// the scene's placement applied on the CPU).
layout(push_constant) uniform ModelConstants {
    mat4 clip_from_world;
    vec4 sun;        // xyz: towards the sun
    vec4 sunlight;   // rgb: light from the sun on a surface facing it
    vec4 ambient;    // rgb: light from the sky on a surface facing up
} constants;

layout(location = 0) in vec3 in_position;
layout(location = 1) in vec3 in_normal;
layout(location = 2) in vec4 in_tangent;
layout(location = 3) in vec2 in_uv;
layout(location = 4) in vec4 in_colour;

layout(location = 0) out vec3 out_normal;
layout(location = 1) out vec4 out_tangent;
layout(location = 2) out vec2 out_uv;
layout(location = 3) out vec4 out_colour;

void main() {
    gl_Position = constants.clip_from_world * vec4(in_position, 1.0);
    out_normal = in_normal;
    out_tangent = in_tangent;
    out_uv = in_uv;
    out_colour = in_colour;
}

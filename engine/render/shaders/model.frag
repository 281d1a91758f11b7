#version 450

// Simple diffuse lighting from the sun and the sky, tone mapped like the
// rest of the scene. Output is linear; the sRGB target encodes it.
layout(push_constant) uniform ModelConstants {
    mat4 clip_from_world;
    vec4 sun;
    vec4 sunlight;
    vec4 ambient;
} constants;

layout(location = 0) in vec3 in_normal;
layout(location = 1) in vec4 in_colour;
layout(location = 0) out vec4 out_colour;

void main() {
    vec3 normal = normalize(in_normal);
    if (!gl_FrontFacing) {
        normal = -normal;
    }
    float diffuse = max(dot(normal, constants.sun.xyz), 0.0);
    vec3 light = constants.sunlight.rgb * diffuse + constants.ambient.rgb * (0.6 + 0.4 * normal.y);
    vec3 colour = in_colour.rgb * light;
    colour = clamp((colour * (2.51 * colour + 0.03)) / (colour * (2.43 * colour + 0.59) + 0.14), 0.0, 1.0);
    out_colour = vec4(colour, 1.0);
}

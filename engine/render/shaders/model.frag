#version 450

// Simple diffuse lighting from the sun and the sky, tone mapped like the
// rest of the scene. Output is linear; the sRGB target encodes it.
layout(push_constant) uniform ModelConstants {
    mat4 clip_from_world;
    vec4 sun;
    vec4 sunlight;
    vec4 ambient;
} constants;

// The sRGB view decodes the base colour to linear; the normal texture is
// linear data, each channel 0..1 standing for -1..1 in tangent space.
layout(set = 0, binding = 0) uniform sampler2D base_colour_texture;
layout(set = 0, binding = 1) uniform sampler2D normal_texture;

layout(location = 0) in vec3 in_normal;
layout(location = 1) in vec4 in_tangent;
layout(location = 2) in vec2 in_uv;
layout(location = 3) in vec4 in_colour;
layout(location = 0) out vec4 out_colour;

void main() {
    vec3 normal = normalize(in_normal);
    vec3 tangent = normalize(in_tangent.xyz - normal * dot(normal, in_tangent.xyz));
    vec3 bitangent = cross(normal, tangent) * in_tangent.w;
    vec3 bent = texture(normal_texture, in_uv).xyz * 2.0 - 1.0;
    normal = normalize(tangent * bent.x + bitangent * bent.y + normal * bent.z);
    if (!gl_FrontFacing) {
        normal = -normal;
    }

    float diffuse = max(dot(normal, constants.sun.xyz), 0.0);
    vec3 light = constants.sunlight.rgb * diffuse + constants.ambient.rgb * (0.6 + 0.4 * normal.y);
    vec3 albedo = texture(base_colour_texture, in_uv).rgb * in_colour.rgb;
    vec3 colour = albedo * light;
    colour = clamp((colour * (2.51 * colour + 0.03)) / (colour * (2.43 * colour + 0.59) + 0.14), 0.0, 1.0);
    out_colour = vec4(colour, 1.0);
}

#version 450

// Fills the target with one colour. The colour arrives sRGB-encoded, as a
// person or a test states it, and is decoded here because the target's sRGB
// format encodes it again on write: the stored bytes equal the given ones.
layout(push_constant) uniform SolidColour {
    vec4 srgb_colour;
} constants;

layout(location = 0) out vec4 out_colour;

vec3 srgb_to_linear(vec3 c) {
    bvec3 low = lessThanEqual(c, vec3(0.04045));
    vec3 below = c / 12.92;
    vec3 above = pow((c + 0.055) / 1.055, vec3(2.4));
    return mix(above, below, low);
}

void main() {
    out_colour = vec4(srgb_to_linear(constants.srgb_colour.rgb), constants.srgb_colour.a);
}

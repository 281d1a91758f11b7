#version 450

// Comfort post-processing in one multiply: the pipeline blends the target
// with this output as destination * source, so a tint of 0 is black, 1
// leaves the picture as drawn, and a warm tint lowers blue light. The tint
// is linear, like the blend on an sRGB target.
layout(push_constant) uniform ComfortTint {
    vec4 linear_tint;
} constants;

layout(location = 0) out vec4 out_colour;

void main() {
    out_colour = vec4(constants.linear_tint.rgb, 1.0);
}

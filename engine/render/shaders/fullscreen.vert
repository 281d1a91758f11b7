#version 450

// One triangle that covers the whole viewport; the fragment stage receives
// the normalised device coordinates of each pixel.
layout(location = 0) out vec2 out_ndc;

void main() {
    vec2 position = vec2(float((gl_VertexIndex << 1) & 2), float(gl_VertexIndex & 2)) * 2.0 - 1.0;
    out_ndc = position;
    gl_Position = vec4(position, 0.0, 1.0);
}

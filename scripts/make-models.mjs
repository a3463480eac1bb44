// Writes the small glTF (GLB) models that scenes/objects.yaml places: household objects built from
// three.js geometry, so the project ships its models without downloading any. Run from the repo
// root: node scripts/make-models.mjs. Units are metres; +Y is up, as glTF specifies.
import { writeFileSync } from 'node:fs';
import * as THREE from 'three';
import { mergeGeometries } from 'three/examples/jsm/utils/BufferGeometryUtils.js';

const OUT = 'scenes/assets/models';

function lathe(profile, segments = 32) {
  return new THREE.LatheGeometry(profile.map(([r, y]) => new THREE.Vector2(r, y)), segments);
}

function part(geometry, { x = 0, y = 0, z = 0, rx = 0, ry = 0, rz = 0 } = {}) {
  geometry.rotateX(rx).rotateY(ry).rotateZ(rz).translate(x, y, z);
  return geometry.toNonIndexed();
}

function join(parts) {
  const clean = parts.map((g) => {
    for (const name of Object.keys(g.attributes)) if (name !== 'position' && name !== 'normal') g.deleteAttribute(name);
    return g;
  });
  return mergeGeometries(clean);
}

const models = {
  mug: join([
    part(lathe([[0, 0], [0.04, 0], [0.042, 0.005], [0.042, 0.095], [0.038, 0.095], [0.036, 0.01], [0, 0.01]])),
    part(new THREE.TorusGeometry(0.026, 0.006, 10, 24, Math.PI), { x: 0.042, y: 0.05, rz: -Math.PI / 2 }),
  ]),
  bottle: join([
    part(lathe([[0, 0], [0.035, 0], [0.036, 0.004], [0.036, 0.15], [0.03, 0.18], [0.014, 0.2], [0.013, 0.24], [0.015, 0.242], [0.015, 0.25], [0, 0.25]])),
  ]),
  bowl: join([
    part(lathe([[0, 0], [0.035, 0], [0.04, 0.006], [0.07, 0.03], [0.085, 0.06], [0.08, 0.06], [0.065, 0.034], [0.034, 0.01], [0, 0.01]], 40)),
  ]),
  chair: join([
    part(new THREE.BoxGeometry(0.42, 0.04, 0.42), { y: 0.45 }),
    part(new THREE.BoxGeometry(0.42, 0.45, 0.03), { y: 0.69, z: -0.195 }),
    ...[[-0.18, -0.18], [0.18, -0.18], [-0.18, 0.18], [0.18, 0.18]].map(([x, z]) => part(new THREE.BoxGeometry(0.035, 0.45, 0.035), { x, y: 0.225, z })),
  ]),
  lamp: join([
    part(lathe([[0, 0], [0.07, 0], [0.07, 0.015], [0.01, 0.025], [0, 0.025]])),
    part(new THREE.CylinderGeometry(0.008, 0.008, 0.3, 12), { y: 0.17 }),
    part(lathe([[0.09, 0.28], [0.05, 0.4], [0.048, 0.4], [0.088, 0.28]])),
  ]),
};

/** A GLB file (glTF 2.0, binary container) with one mesh of positions, normals and indices. */
function glb(geometry) {
  const indexed = geometry.index ? geometry : indexOf(geometry);
  const position = indexed.getAttribute('position');
  const normal = indexed.getAttribute('normal');
  const index = indexed.index;
  const positions = new Float32Array(position.array);
  const normals = new Float32Array(normal.array);
  const indices = new Uint32Array(index.array);
  const bin = Buffer.concat([Buffer.from(positions.buffer), Buffer.from(normals.buffer), Buffer.from(indices.buffer)]);
  indexed.computeBoundingBox();
  const { min, max } = indexed.boundingBox;
  const json = {
    asset: { version: '2.0', generator: 'synth scripts/make-models.mjs' },
    scene: 0,
    scenes: [{ nodes: [0] }],
    nodes: [{ mesh: 0 }],
    meshes: [{ primitives: [{ attributes: { POSITION: 0, NORMAL: 1 }, indices: 2 }] }],
    buffers: [{ byteLength: bin.length }],
    bufferViews: [
      { buffer: 0, byteOffset: 0, byteLength: positions.byteLength, target: 34962 },
      { buffer: 0, byteOffset: positions.byteLength, byteLength: normals.byteLength, target: 34962 },
      { buffer: 0, byteOffset: positions.byteLength + normals.byteLength, byteLength: indices.byteLength, target: 34963 },
    ],
    accessors: [
      { bufferView: 0, componentType: 5126, count: position.count, type: 'VEC3', min: min.toArray(), max: max.toArray() },
      { bufferView: 1, componentType: 5126, count: normal.count, type: 'VEC3' },
      { bufferView: 2, componentType: 5125, count: indices.length, type: 'SCALAR' },
    ],
  };
  const pad = (b, fill) => Buffer.concat([b, Buffer.alloc((4 - (b.length % 4)) % 4, fill)]);
  const jsonChunk = pad(Buffer.from(JSON.stringify(json)), 0x20);
  const binChunk = pad(bin, 0);
  const header = Buffer.alloc(12);
  header.write('glTF', 0, 'ascii');
  header.writeUInt32LE(2, 4);
  header.writeUInt32LE(12 + 8 + jsonChunk.length + 8 + binChunk.length, 8);
  const chunkHeader = (length, type) => {
    const b = Buffer.alloc(8);
    b.writeUInt32LE(length, 0);
    b.write(type, 4, 'ascii');
    return b;
  };
  return Buffer.concat([header, chunkHeader(jsonChunk.length, 'JSON'), jsonChunk, chunkHeader(binChunk.length, 'BIN\0'), binChunk]);
}

function indexOf(geometry) {
  const count = geometry.getAttribute('position').count;
  geometry.setIndex(Array.from({ length: count }, (_, i) => i));
  return geometry;
}

for (const [name, geometry] of Object.entries(models)) {
  const bytes = glb(geometry);
  writeFileSync(`${OUT}/${name}.glb`, bytes);
  console.log(`${OUT}/${name}.glb: ${bytes.length} bytes`);
}

/** Page side: a persistent three.js material set to each frame's material values. */
import * as THREE from 'three';
import type { ImageCache } from '../page/image-cache.js';
import { DECAL_SIZE, decalPixels } from './decal-pixels.js';
import type { FrameMaterial } from './materials.js';
import { TILE_PERIODS, TILE_SIZE, patternTile } from './pattern-pixels.js';

const DEG = Math.PI / 180;

/**
 * The map of plain materials. Every material always has a map: one that gained or lost a map would
 * get another shader program, and compiling one on SwiftShader costs tens of milliseconds.
 */
const WHITE = new THREE.DataTexture(new Uint8Array([255, 255, 255, 255]), 1, 1);
WHITE.colorSpace = THREE.SRGBColorSpace;
WHITE.needsUpdate = true;

export class MaterialLook {
  readonly material = new THREE.MeshStandardMaterial({ map: WHITE });
  private readonly tile = new THREE.DataTexture(new Uint8Array(TILE_SIZE * TILE_SIZE * 4), TILE_SIZE, TILE_SIZE);
  /** A decal spans the object's texture square once: clamped, not repeated. */
  private readonly decal = new THREE.DataTexture(new Uint8Array(DECAL_SIZE * DECAL_SIZE * 4), DECAL_SIZE, DECAL_SIZE);

  /** `name` tells this material's image views apart from other users' in the image cache. */
  constructor(private readonly name: string) {
    this.tile.colorSpace = THREE.SRGBColorSpace;
    this.tile.wrapS = this.tile.wrapT = THREE.RepeatWrapping;
    this.tile.magFilter = THREE.LinearFilter;
    this.tile.minFilter = THREE.LinearMipmapLinearFilter;
    this.tile.generateMipmaps = true;
    this.decal.colorSpace = THREE.SRGBColorSpace;
    this.decal.magFilter = THREE.LinearFilter;
    this.decal.minFilter = THREE.LinearMipmapLinearFilter;
    this.decal.generateMipmaps = true;
  }

  /**
   * `unitsPerUv` is how many scene units one unit of the mesh's texture coordinates spans, so that
   * a texture's `scale` is per scene unit whatever the mesh.
   */
  apply(m: FrameMaterial, unitsPerUv: number, images: ImageCache): void {
    const material = this.material;
    material.color.set(m.colour);
    material.roughness = m.roughness;
    material.metalness = m.metalness;
    const t = m.texture;
    if (t.type === 'none') {
      material.map = WHITE;
    } else if (t.type === 'image') {
      const map = images.view(t.file, this.name);
      const { width, height } = map.image as ImageBitmap;
      const s = t.scale * unitsPerUv;
      map.repeat.set(s, (s * width) / height);
      map.rotation = t.rotation * DEG;
      material.map = map;
    } else if (t.type === 'decal') {
      decalPixels(t, this.decal.image.data as Uint8Array);
      this.decal.needsUpdate = true;
      material.map = this.decal;
    } else {
      patternTile(t, this.tile.image.data as Uint8Array);
      this.tile.needsUpdate = true;
      const s = (t.scale * unitsPerUv) / TILE_PERIODS[t.type];
      this.tile.repeat.set(s, s);
      this.tile.rotation = t.angle * DEG;
      material.map = this.tile;
    }
  }
}

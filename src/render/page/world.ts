/**
 * The three.js scene graph of the page. It persists across frames and only its values change:
 * three.js frees a shader program when no material uses it, and recompiling on SwiftShader costs
 * tens of milliseconds.
 */
import * as THREE from 'three';
import { Backdrop } from '../background/paint-background.js';
import { MaterialLook } from '../materials/apply-material.js';
import { LightRig } from '../lighting/build-lights.js';
import { type GeometryCache, objectMatrix } from '../objects/build-object.js';
import type { FrameSpec } from '../frame-spec.js';
import type { PageInit } from '../page-protocol.js';
import { ImageCache } from './image-cache.js';
import { applyWeather } from '../weather/apply-weather.js';

export class World {
  readonly scene = new THREE.Scene();
  private readonly lights = new LightRig(this.scene);
  private readonly surfaceGeometry = new THREE.PlaneGeometry(1, 1);
  private surface: THREE.Mesh<THREE.PlaneGeometry, THREE.Material> | undefined;
  private readonly surfaceLook = new MaterialLook('surface');
  private readonly objects: THREE.Mesh<THREE.BufferGeometry, THREE.Material>[] = [];
  /** The lit material of each object slot, and its flat instance-id material for the label pass. */
  private readonly looks: MaterialLook[] = [];
  private readonly ids: THREE.MeshBasicMaterial[] = [];
  /** Drawn in the label pass where something hides objects without being labelled (surface, distractors). */
  private readonly occluder = new THREE.MeshBasicMaterial({ color: 0x000000, fog: false });
  private frame: FrameSpec | undefined;
  private active = 0;
  private background: THREE.Color | THREE.Texture | null = null;
  private readonly backdrop: Backdrop;
  private readonly images: ImageCache;
  /** Whether the current frame has shadow-casting lights. */
  shadows = false;

  /** `view`: the rendered image's size, and the image cache's bounds. */
  constructor(private readonly geometries: GeometryCache, view: Pick<PageInit, 'width' | 'height' | 'imageCache'>) {
    this.backdrop = new Backdrop(view.width, view.height);
    this.images = new ImageCache(view.imageCache);
  }

  /** Fetches and decodes the images the frame names that are not cached yet: before build(). */
  load(frame: FrameSpec): Promise<void> {
    const materials = [frame.surface?.material, ...frame.objects.map((o) => o.material)];
    const files = materials.flatMap((m) => (m?.texture.type === 'image' ? [m.texture.file] : []));
    if (frame.background.type === 'image') files.push(frame.background.file);
    return this.images.load(files);
  }

  build(frame: FrameSpec): void {
    this.background = this.backdrop.paint(frame.background, frame.camera.roll, this.images);
    this.shadows = this.lights.apply(frame.lights);

    if (frame.surface) {
      this.surface ??= new THREE.Mesh<THREE.PlaneGeometry, THREE.Material>(this.surfaceGeometry, this.surfaceLook.material);
      this.surface.receiveShadow = true;
      if (!this.surface.parent) this.scene.add(this.surface);
      this.surface.scale.set(frame.surface.size, frame.surface.size, 1);
      this.surfaceLook.apply(frame.surface.material, frame.surface.size, this.images);
    } else if (this.surface) {
      this.scene.remove(this.surface);
    }

    frame.objects.forEach((o, i) => {
      if (!this.objects[i]) this.addSlot(i);
      const mesh = this.objects[i]!;
      mesh.geometry = this.geometries.geometry(o, i);
      mesh.matrix.copy(objectMatrix(o));
      mesh.matrixWorldNeedsUpdate = true;
      this.looks[i]!.apply(o.material, unitsPerUv(o), this.images);
      if (!mesh.parent) this.scene.add(mesh);
    });
    for (const extra of this.objects.slice(frame.objects.length)) this.scene.remove(extra);
    this.active = frame.objects.length;
    applyWeather(this.scene, frame, [...(frame.surface ? [this.surfaceLook.material] : []), ...this.looks.slice(0, this.active).map((l) => l.material)], this.background);
    this.frame = frame;
  }

  /** The meshes of the current frame's objects, in frame order (instance id = index + 1). */
  get meshes(): THREE.Mesh[] {
    return this.objects.slice(0, this.active);
  }

  /** Whether object `i` is labelled (not a distractor). */
  labelled(i: number): boolean {
    return !this.frame?.objects[i]?.distractor;
  }

  private addSlot(i: number): void {
    const mesh = new THREE.Mesh<THREE.BufferGeometry, THREE.Material>();
    mesh.matrixAutoUpdate = false;
    mesh.castShadow = true;
    this.objects.push(mesh);
    this.looks.push(new MaterialLook(`object ${i}`));
    const id = new THREE.MeshBasicMaterial({ fog: false });
    id.color.setRGB((i + 1) / 255, 0, 0, THREE.LinearSRGBColorSpace);
    this.ids.push(id);
  }

  /** Lit materials, background and surface: what the camera sees. */
  showLooks(): void {
    this.scene.background = this.background;
    this.meshes.forEach((mesh, i) => {
      mesh.material = this.looks[i]!.material;
      mesh.visible = true;
    });
    if (this.surface) {
      this.surface.visible = true;
      this.surface.material = this.surfaceLook.material;
    }
  }

  /**
   * The label pass: each labelled object in its flat instance-id colour, and what hides objects
   * without being labelled (the surface, distractors) in black, on black. With `only`, that one
   * object alone, as it would look if nothing hid it.
   */
  showIds(only?: number): void {
    this.scene.background = null;
    this.meshes.forEach((mesh, i) => {
      mesh.material = this.labelled(i) ? this.ids[i]! : this.occluder;
      mesh.visible = only === undefined || only === i;
    });
    if (this.surface) {
      this.surface.visible = only === undefined;
      this.surface.material = this.occluder;
    }
  }

  /** Every object and the surface in one material (the depth pass). */
  showAll(material: THREE.Material): void {
    this.scene.background = null;
    for (const mesh of this.meshes) {
      mesh.material = material;
      mesh.visible = true;
    }
    if (this.surface) {
      this.surface.visible = true;
      this.surface.material = material;
    }
  }
}

/** Scene units spanned by one unit of the object's texture coordinates (glyphs and primitives are unit-sized, then scaled). */
function unitsPerUv(o: FrameSpec['objects'][number]): number {
  if (o.kind === 'glyph' || o.kind === 'handwriting') return o.size;
  if (o.kind === 'primitive') return Math.max(o.size.x, o.size.y, o.size.z);
  if (o.kind === 'product') return o.size;
  return o.scale;
}

/**
 * The three.js scene graph of the page. It persists across frames and only its values change:
 * three.js frees a shader program when no material uses it, and recompiling on SwiftShader costs
 * tens of milliseconds.
 */
import * as THREE from 'three';
import { applyMaterial } from '../materials/apply-material.js';
import { LightRig } from '../lighting/build-lights.js';
import { GeometryCache, type ObjectAssets, objectMatrix } from '../objects/build-object.js';
import type { FrameSpec } from '../frame-spec.js';
import { applyWeather } from '../weather/apply-weather.js';

export class World {
  readonly scene = new THREE.Scene();
  private readonly lights = new LightRig(this.scene);
  private readonly geometries: GeometryCache;
  private readonly surfaceGeometry = new THREE.PlaneGeometry(1, 1);
  private surface: THREE.Mesh<THREE.PlaneGeometry, THREE.MeshStandardMaterial> | undefined;
  private readonly objects: THREE.Mesh<THREE.BufferGeometry, THREE.Material>[] = [];
  /** The lit material of each object slot, and its flat instance-id material for the label pass. */
  private readonly looks: THREE.MeshStandardMaterial[] = [];
  private readonly ids: THREE.MeshBasicMaterial[] = [];
  private active = 0;
  private background: THREE.Color | THREE.Texture | null = null;
  /** Whether the current frame has shadow-casting lights. */
  shadows = false;

  constructor(assets: ObjectAssets) {
    this.geometries = new GeometryCache(assets);
  }

  build(frame: FrameSpec): void {
    this.background = new THREE.Color(frame.background);
    this.shadows = this.lights.apply(frame.lights);

    if (frame.surface) {
      this.surface ??= new THREE.Mesh(this.surfaceGeometry, new THREE.MeshStandardMaterial());
      this.surface.receiveShadow = true;
      if (!this.surface.parent) this.scene.add(this.surface);
      this.surface.scale.set(frame.surface.size, frame.surface.size, 1);
      applyMaterial(this.surface.material, frame.surface.material);
    } else if (this.surface) {
      this.scene.remove(this.surface);
    }

    frame.objects.forEach((o, i) => {
      if (!this.objects[i]) this.addSlot(i);
      const mesh = this.objects[i]!;
      mesh.geometry = this.geometries.geometry(o);
      mesh.matrix.copy(objectMatrix(o));
      mesh.matrixWorldNeedsUpdate = true;
      applyMaterial(this.looks[i]!, o.material);
      if (!mesh.parent) this.scene.add(mesh);
    });
    for (const extra of this.objects.slice(frame.objects.length)) this.scene.remove(extra);
    this.active = frame.objects.length;
    applyWeather(this.scene, frame, [...(frame.surface ? [this.surface!.material] : []), ...this.looks.slice(0, this.active)], this.background);
  }

  private addSlot(i: number): void {
    const mesh = new THREE.Mesh<THREE.BufferGeometry, THREE.Material>();
    mesh.matrixAutoUpdate = false;
    mesh.castShadow = true;
    this.objects.push(mesh);
    this.looks.push(new THREE.MeshStandardMaterial());
    const id = new THREE.MeshBasicMaterial({ fog: false });
    id.color.setRGB((i + 1) / 255, 0, 0, THREE.LinearSRGBColorSpace);
    this.ids.push(id);
  }

  /** Lit materials, background and surface: what the camera sees. */
  showLooks(): void {
    this.scene.background = this.background;
    this.objects.slice(0, this.active).forEach((mesh, i) => (mesh.material = this.looks[i]!));
    if (this.surface) this.surface.visible = true;
  }

  /** Flat instance ids on black, nothing else: the label pass. */
  showIds(): void {
    this.scene.background = null;
    this.objects.slice(0, this.active).forEach((mesh, i) => (mesh.material = this.ids[i]!));
    if (this.surface) this.surface.visible = false;
  }
}

/** Page side: turns a frame's background into what three.js draws behind the scene. */
import * as THREE from 'three';
import { gradientView, patternView } from '../materials/pattern-pixels.js';
import type { ImageCache } from '../page/image-cache.js';
import type { FrameBackground } from './background.js';

/** Generated backgrounds are drawn at most this wide and stretched (smoothly) to the image. */
const MAX_SIDE = 256;

export class Backdrop {
  private readonly colour = new THREE.Color();
  private readonly canvas: THREE.DataTexture;
  private readonly aspect: number;

  /** `width` × `height`: the rendered image. */
  constructor(private readonly width: number, private readonly height: number) {
    const k = Math.min(1, MAX_SIDE / Math.max(width, height));
    const w = Math.max(1, Math.round(width * k)), h = Math.max(1, Math.round(height * k));
    this.canvas = new THREE.DataTexture(new Uint8Array(w * h * 4), w, h);
    this.canvas.colorSpace = THREE.SRGBColorSpace;
    this.canvas.magFilter = this.canvas.minFilter = THREE.LinearFilter;
    this.aspect = height / width;
  }

  /** `roll` is the camera's (degrees): a sky turns with it, as the horizon would. */
  paint(b: FrameBackground, roll: number, images: ImageCache): THREE.Color | THREE.Texture {
    switch (b.type) {
      case 'solid':
        return this.colour.set(b.colour);
      case 'image':
        return this.cover(images.view(b.file, 'background'));
      case 'gradient':
        return this.draw((data, w, h) => gradientView(b.colours, b.angle, data, w, h, this.aspect));
      case 'sky':
        // Roll turns the camera counter-clockwise, so the world, and "up" in it, turns clockwise.
        return this.draw((data, w, h) => gradientView([b.horizon, b.zenith], 90 - roll, data, w, h, this.aspect));
      default:
        return this.draw((data, w, h) => patternView(b, data, w, h, this.aspect));
    }
  }

  private draw(fill: (data: Uint8Array, width: number, height: number) => void): THREE.Texture {
    const image = this.canvas.image as { data: Uint8Array; width: number; height: number };
    fill(image.data, image.width, image.height);
    this.canvas.needsUpdate = true;
    return this.canvas;
  }

  /** Shows the middle of the image, scaled to fill the frame without distortion. */
  private cover(texture: THREE.Texture): THREE.Texture {
    const { width, height } = texture.image as ImageBitmap;
    const excess = (width / height) / (this.width / this.height);
    if (excess > 1) {
      texture.repeat.set(1 / excess, 1);
    } else {
      texture.repeat.set(1, excess);
    }
    texture.offset.set((1 - texture.repeat.x) / 2, (1 - texture.repeat.y) / 2);
    texture.rotation = 0;
    return texture;
  }
}

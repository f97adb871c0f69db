import type { Template } from '../rendering/template';

/** How many photos a render of the template takes: one per slide, or one per photo slot. */
export function photoCountRange(template: Template): { min: number; max: number } {
  if (template.carousel) {
    return { min: template.carousel.minSlides, max: template.carousel.maxSlides };
  }
  const indexes = template.photoFrames.map((frame, i) => frame.photoIndex ?? i);
  if (template.background.type === 'image' && template.background.source === 'photo') {
    indexes.push(template.background.photoIndex);
  }
  const needed = Math.max(...indexes) + 1;
  return { min: needed, max: needed };
}

/**
 * Renders a template with a product's photos, the institution's brand and variables into
 * network-ready JPEGs. Layers, bottom to top: background, shapes below, photos, shapes above,
 * logo, text (with pills), carousel dots.
 *
 * Carousels: a template with `carousel` renders one slide per photo (minSlides..maxSlides, at
 * most 10 as Instagram allows). Every slide shares canvas, background, shapes, logo and text
 * style; slide i shows photos[i] in the single photo frame; a text's `slides` says whether it
 * appears on all slides, the first (cover), the rest or the last; dots mark the current slide.
 */
import '../../config/fontconfig';
import { AppError } from '../../common/app-error';
import { Canvas, gradientLut, hexToRgb, RawImage, Rect, ResolvedPaint } from './canvas';
import { prepareBackdrop, prepareLogo, preparePhoto } from './images';
import {
  altText,
  bindingValue,
  BrandColours,
  RenderInput,
  ValidInput,
  validateInput,
} from './render-input';
import { ColourRef, Paint, Template, TemplateText, TextBinding } from './template';
import { fitText, FittedText } from './text';

export interface RenderOutput {
  buffer: Buffer;
  width: number;
  height: number;
  bytes: number;
  format: 'jpeg';
  altText: string;
}

/** High enough for crisp text, small enough to stay far below every network's size limit. */
export const JPEG_QUALITY = 88;

const VARIABLE_PATHS: Record<TextBinding, string> = {
  'product.name': 'variables.product.name',
  'product.price': 'variables.product.priceRupiah',
  'product.oldPrice': 'variables.product.oldPriceRupiah',
  discount: 'variables.product.oldPriceRupiah',
  tagline: 'variables.tagline',
  'institution.name': 'variables.institution.name',
  'workshop.name': 'variables.workshop.name',
  cta: 'variables.cta',
};

interface PlacedText {
  spec: TemplateText;
  fitted: FittedText;
  x: number;
  y: number;
}

/** One output per slide: a single image for ordinary templates, 2..10 for a carousel. */
export async function renderTemplate(
  template: Template,
  rawInput: RenderInput,
): Promise<RenderOutput[]> {
  const input = validateInput(rawInput);
  const slideCount = checkPhotoCount(template, input);
  const [texts, logo] = await Promise.all([
    placeTexts(template, input),
    template.logo && input.logo
      ? prepareLogo(input.logo, template.logo.size - 2 * template.logo.padding)
      : Promise.resolve(undefined),
  ]);
  const outputs: RenderOutput[] = [];
  for (let slide = 0; slide < slideCount; slide++) {
    outputs.push(await renderSlide(template, input, slide, slideCount, texts, logo));
  }
  return outputs;
}

function checkPhotoCount(template: Template, input: ValidInput): number {
  const given = input.photos.length;
  if (template.carousel) {
    const { minSlides, maxSlides } = template.carousel;
    if (given < minSlides || given > maxSlides) {
      throw AppError.validation('photos', {
        id: `Template ${template.id} memerlukan ${minSlides}–${maxSlides} foto (satu per slide), diberikan ${given}`,
        en: `Template ${template.id} needs ${minSlides}–${maxSlides} photos (one per slide), got ${given}`,
      });
    }
    return given;
  }
  const indexes = template.photoFrames.map((f, i) => f.photoIndex ?? i);
  if (template.background.type === 'image' && template.background.source === 'photo') {
    indexes.push(template.background.photoIndex);
  }
  const needed = Math.max(...indexes) + 1;
  if (given !== needed) {
    throw AppError.validation('photos', {
      id: `Template ${template.id} memerlukan tepat ${needed} foto, diberikan ${given}`,
      en: `Template ${template.id} needs exactly ${needed} photo(s), got ${given}`,
    });
  }
  return 1;
}

function resolveColour(ref: ColourRef, brand: BrandColours): string {
  switch (ref) {
    case 'brand.primary':
      return brand.primary;
    case 'brand.secondary':
      return brand.secondary;
    case 'brand.text':
      return brand.text;
    default:
      return ref;
  }
}

function resolvePaint(paint: Paint, brand: BrandColours): ResolvedPaint {
  if (typeof paint === 'string') {
    return { kind: 'solid', rgb: hexToRgb(resolveColour(paint, brand)), alpha: 1 };
  }
  const stops = paint.stops.map((s) => ({
    offset: s.offset,
    rgb: hexToRgb(resolveColour(s.colour, brand)),
    alpha: s.opacity,
  }));
  return { kind: 'gradient', lut: gradientLut(stops), angle: paint.angle };
}

/** Fits every bound text once (shared by all slides) and places it in its box. */
async function placeTexts(template: Template, input: ValidInput): Promise<PlacedText[]> {
  const jobs = template.texts.map(async (spec, i): Promise<PlacedText | undefined> => {
    const value = bindingValue(spec.binding, input.variables) ?? spec.fallback;
    const field = VARIABLE_PATHS[spec.binding];
    if (value === undefined) {
      if (!spec.required) return undefined;
      throw AppError.validation(field, {
        id: `Template ${template.id} memerlukan ${spec.binding}`,
        en: `Template ${template.id} needs ${spec.binding}`,
      });
    }
    const raw = `${spec.prefix}${value}${spec.suffix}`;
    const content = spec.uppercase ? raw.toLocaleUpperCase('id-ID') : raw;
    const padX = spec.background?.paddingX ?? 0;
    const padY = spec.background?.paddingY ?? 0;
    const fitted = await fitText(
      content,
      { ...spec, colour: resolveColour(spec.colour, input.brand) },
      { w: spec.w - 2 * padX, h: spec.h - 2 * padY },
      { field, label: `${spec.binding} (texts[${i}] in ${template.id})` },
    );
    const { width, height } = fitted.image;
    const x =
      spec.align === 'left'
        ? spec.x + padX
        : spec.align === 'right'
          ? spec.x + spec.w - padX - width
          : spec.x + Math.round((spec.w - width) / 2);
    const y =
      spec.valign === 'top'
        ? spec.y + padY
        : spec.valign === 'bottom'
          ? spec.y + spec.h - padY - height
          : spec.y + Math.round((spec.h - height) / 2);
    return { spec, fitted, x, y };
  });
  return (await Promise.all(jobs)).filter((t): t is PlacedText => t !== undefined);
}

function showsOnSlide(spec: TemplateText, slide: number, count: number): boolean {
  switch (spec.slides) {
    case 'all':
      return true;
    case 'first':
      return slide === 0;
    case 'rest':
      return slide > 0;
    case 'last':
      return slide === count - 1;
  }
}

async function renderSlide(
  template: Template,
  input: ValidInput,
  slide: number,
  slideCount: number,
  texts: PlacedText[],
  logo: RawImage | undefined,
): Promise<RenderOutput> {
  const { width, height } = template.canvas;
  const brand = input.brand;
  const photoFor = (index: number) => (template.carousel ? slide : index);
  const [backdrop, ...photos] = await Promise.all([
    loadBackdrop(template, input, photoFor),
    ...template.photoFrames.map((frame, i) => {
      const index = photoFor(frame.photoIndex ?? i);
      return preparePhoto(input.photos[index], frame, `photos[${index}]`);
    }),
  ]);

  const canvas = new Canvas(width, height, [0, 0, 0]);
  const bg = template.background;
  if (bg.type === 'colour')
    canvas.fill({ x: 0, y: 0, w: width, h: height }, 0, resolvePaint(bg.colour, brand));
  if (bg.type === 'linear')
    canvas.fill({ x: 0, y: 0, w: width, h: height }, 0, resolvePaint(bg, brand));
  if (bg.type === 'image' && backdrop) {
    canvas.setPixels(backdrop);
    if (bg.tint) {
      const tint = resolvePaint(bg.tint.colour, brand);
      canvas.fill({ x: 0, y: 0, w: width, h: height }, 0, tint, bg.tint.opacity);
    }
  }
  drawShapes(canvas, template, brand, 'below');
  template.photoFrames.forEach((frame, i) => {
    const photo = photos[i];
    const x = frame.x + Math.round((frame.w - photo.width) / 2);
    const y = frame.y + Math.round((frame.h - photo.height) / 2);
    canvas.draw(photo, x, y, frame.radius);
  });
  drawShapes(canvas, template, brand, 'above');
  if (template.logo && logo) {
    const spec = template.logo;
    if (spec.plate) {
      canvas.fill(
        { x: spec.x, y: spec.y, w: spec.size, h: spec.size },
        spec.radius,
        resolvePaint(spec.plate, brand),
      );
    }
    const x = spec.x + Math.round((spec.size - logo.width) / 2);
    const y = spec.y + Math.round((spec.size - logo.height) / 2);
    canvas.draw(logo, x, y, spec.plate ? 0 : spec.radius);
  }
  for (const text of texts) {
    if (showsOnSlide(text.spec, slide, slideCount)) drawText(canvas, text, brand);
  }
  if (template.carousel?.indicator)
    drawDots(canvas, template.carousel.indicator, slide, slideCount, brand);

  const buffer = await canvas.toJpeg(JPEG_QUALITY);
  return {
    buffer,
    width,
    height,
    bytes: buffer.length,
    format: 'jpeg',
    altText: altText(
      input.variables,
      template.carousel ? { index: slide, count: slideCount } : undefined,
    ),
  };
}

function loadBackdrop(
  template: Template,
  input: ValidInput,
  photoFor: (index: number) => number,
): Promise<RawImage | undefined> {
  const bg = template.background;
  if (bg.type !== 'image') return Promise.resolve(undefined);
  const { width, height } = template.canvas;
  if (bg.source === 'photo') {
    const index = photoFor(bg.photoIndex);
    return prepareBackdrop(input.photos[index], width, height, bg.blur, `photos[${index}]`);
  }
  if (!input.backgroundImage) {
    throw AppError.validation('backgroundImage', {
      id: `Template ${template.id} memerlukan gambar latar`,
      en: `Template ${template.id} needs a background image`,
    });
  }
  return prepareBackdrop(input.backgroundImage, width, height, bg.blur, 'backgroundImage');
}

function drawShapes(
  canvas: Canvas,
  template: Template,
  brand: BrandColours,
  layer: 'below' | 'above',
): void {
  for (const shape of template.shapes) {
    if (shape.layer !== layer) continue;
    const paint = resolvePaint(shape.fill, brand);
    if (shape.type === 'rect') {
      canvas.fill(
        { x: shape.x, y: shape.y, w: shape.w, h: shape.h },
        shape.radius,
        paint,
        shape.opacity,
      );
    } else {
      const rect: Rect = {
        x: shape.cx - shape.r,
        y: shape.cy - shape.r,
        w: shape.r * 2,
        h: shape.r * 2,
      };
      canvas.fill(rect, shape.r, paint, shape.opacity);
    }
  }
}

function drawText(canvas: Canvas, text: PlacedText, brand: BrandColours): void {
  const { spec, fitted, x, y } = text;
  const pill = spec.background;
  if (pill) {
    const rect: Rect =
      pill.fit === 'box'
        ? { x: spec.x, y: spec.y, w: spec.w, h: spec.h }
        : {
            x: x - pill.paddingX,
            y: y - pill.paddingY,
            w: fitted.image.width + 2 * pill.paddingX,
            h: fitted.image.height + 2 * pill.paddingY,
          };
    const radius = pill.radius === 'full' ? Math.min(rect.w, rect.h) / 2 : pill.radius;
    canvas.fill(rect, radius, resolvePaint(pill.fill, brand), pill.opacity);
  }
  canvas.draw(fitted.image, x, y);
}

function drawDots(
  canvas: Canvas,
  spec: NonNullable<NonNullable<Template['carousel']>['indicator']>,
  slide: number,
  count: number,
  brand: BrandColours,
): void {
  const total = count * spec.dot + (count - 1) * spec.gap;
  const left = spec.x - total / 2;
  for (let i = 0; i < count; i++) {
    const paint = resolvePaint(i === slide ? spec.activeColour : spec.colour, brand);
    const x = Math.round(left + i * (spec.dot + spec.gap));
    const rect: Rect = { x, y: Math.round(spec.y - spec.dot / 2), w: spec.dot, h: spec.dot };
    canvas.fill(rect, spec.dot / 2, paint);
  }
}
